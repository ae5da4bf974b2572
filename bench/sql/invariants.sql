-- Invariant checks after a load run: one row "name|violations" per check; any violations > 0 is a failure.
-- psql variable flash_product: the flash-sale product (0 when the scenario is not flash): all of its stock must
-- have been sold, to exactly as many completed orders as it had units.
WITH taken AS (
    SELECT s.product_id, b.quantity - s.quantity AS taken
    FROM product_stocks s JOIN bench.seed_stock b USING (product_id)
), lines AS (
    SELECT l.product_id,
           sum(l.quantity) FILTER (WHERE o.status = 'COMPLETED') AS sold,
           sum(l.quantity) FILTER (WHERE o.status = 'STOCK_ALLOCATED') AS held
    FROM order_products l JOIN orders o ON o.id = l.order_id
    GROUP BY l.product_id
), history AS (
    SELECT user_id,
           sum(amount) FILTER (WHERE type = 'CHARGE') AS charged,
           sum(amount) FILTER (WHERE type = 'RESTORE') AS restored,
           sum(amount) FILTER (WHERE type = 'USE') AS used
    FROM balance_history GROUP BY user_id
), paid AS (
    SELECT user_id, sum(amount) AS paid FROM payments WHERE status = 'SUCCEEDED' GROUP BY user_id
), events AS (
    SELECT order_id, count(*) AS n FROM order_events WHERE type = 'ORDER_COMPLETED' GROUP BY order_id
)
SELECT 'stock_never_negative', count(*) FROM product_stocks WHERE quantity < 0
UNION ALL
-- units taken from stock == units on COMPLETED orders (+ units still held by STOCK_ALLOCATED orders, normally none)
SELECT 'units_sold_eq_completed_order_lines', count(*)
FROM taken t LEFT JOIN lines l USING (product_id)
WHERE t.taken <> coalesce(l.sold, 0) + coalesce(l.held, 0)
UNION ALL
SELECT 'balance_eq_charges_minus_succeeded_payments', count(*)
FROM balances b LEFT JOIN history h USING (user_id) LEFT JOIN paid p USING (user_id)
WHERE b.amount < 0
   OR b.amount <> coalesce(h.charged, 0) + coalesce(h.restored, 0) - coalesce(p.paid, 0)
   OR coalesce(h.used, 0) - coalesce(h.restored, 0) <> coalesce(p.paid, 0)
UNION ALL
SELECT 'one_event_per_completed_order', count(*)
FROM orders o LEFT JOIN events e ON e.order_id = o.id
WHERE (o.status = 'COMPLETED' AND coalesce(e.n, 0) <> 1) OR (o.status <> 'COMPLETED' AND coalesce(e.n, 0) <> 0)
UNION ALL
SELECT 'at_most_one_succeeded_payment_per_order', count(*)
FROM (SELECT order_id FROM payments WHERE status = 'SUCCEEDED' GROUP BY order_id HAVING count(*) > 1) x
UNION ALL
SELECT 'completed_order_has_its_succeeded_payment', count(*)
FROM orders o LEFT JOIN payments p ON p.id = o.payment_id
WHERE (o.status = 'COMPLETED' AND (p.id IS NULL OR p.status <> 'SUCCEEDED' OR p.order_id <> o.id OR p.amount <> o.total_amount))
   OR (o.status <> 'COMPLETED' AND EXISTS (SELECT 1 FROM payments q WHERE q.order_id = o.id AND q.status = 'SUCCEEDED'))
UNION ALL
SELECT 'coupon_used_at_most_once', count(*)
FROM (SELECT coupon_id FROM orders WHERE status = 'COMPLETED' AND coupon_id IS NOT NULL GROUP BY coupon_id HAVING count(*) > 1) x
UNION ALL
SELECT 'flash_sold_exactly_its_stock', CASE
    WHEN :flash_product = 0 THEN 0
    WHEN (SELECT quantity FROM product_stocks WHERE product_id = :flash_product) = 0
     AND (SELECT coalesce(sum(l.quantity), 0) FROM order_products l JOIN orders o ON o.id = l.order_id
          WHERE o.status = 'COMPLETED' AND l.product_id = :flash_product)
         = (SELECT quantity FROM bench.seed_stock WHERE product_id = :flash_product)
     AND (SELECT count(DISTINCT o.id) FROM order_products l JOIN orders o ON o.id = l.order_id
          WHERE o.status = 'COMPLETED' AND l.product_id = :flash_product)
         = (SELECT quantity FROM bench.seed_stock WHERE product_id = :flash_product)
    THEN 0 ELSE 1 END;
