-- Invariant checks after a load run: one row "name|violations" per check; any violations > 0 is a failure.
-- psql variable flash_product: the flash-sale product (0 when the scenario is not flash): all of its stock must
-- have been sold, to exactly as many completed orders as it had units.
WITH taken AS (
    SELECT s.product_id, b.quantity - s.quantity AS taken
    FROM product_stocks s JOIN bench.seed_stock b USING (product_id)
), lines AS (
    -- units still held: allocated, or paid and not refunded
    SELECT l.product_id, sum(l.quantity - l.refunded_quantity) AS held
    FROM order_products l JOIN orders o ON o.id = l.order_id
    WHERE o.status IN ('STOCK_ALLOCATED', 'COMPLETED', 'PARTIALLY_REFUNDED')
    GROUP BY l.product_id
), kept AS (
    -- units refunded that did not go back to stock
    SELECT rl.product_id, sum(rl.quantity) AS kept
    FROM order_refund_lines rl JOIN order_refunds r ON r.id = rl.refund_id WHERE NOT r.restock
    GROUP BY rl.product_id
), refunds AS (
    SELECT o.user_id, sum(r.amount) AS refunded FROM order_refunds r JOIN orders o ON o.id = r.order_id GROUP BY o.user_id
), history AS (
    SELECT user_id,
           sum(amount) FILTER (WHERE type = 'CHARGE') AS charged,
           sum(amount) FILTER (WHERE type = 'RESTORE') AS restored,
           sum(amount) FILTER (WHERE type = 'USE') AS used
    FROM balance_history GROUP BY user_id
), paid AS (
    SELECT user_id, sum(amount) AS paid FROM payments WHERE status = 'SUCCEEDED' GROUP BY user_id
), events AS (
    SELECT order_id, count(*) FILTER (WHERE type = 'ORDER_COMPLETED') AS completed,
           count(*) FILTER (WHERE type = 'ORDER_REFUNDED') AS refunded
    FROM order_events GROUP BY order_id
), order_refund_totals AS (
    SELECT order_id, count(*) AS n, sum(amount) AS refunded FROM order_refunds GROUP BY order_id
)
SELECT 'stock_never_negative', count(*) FROM product_stocks WHERE quantity < 0
UNION ALL
-- units taken from stock == units still held by orders + units refunded without restock
SELECT 'units_taken_eq_units_held_plus_not_restocked', count(*)
FROM taken t LEFT JOIN lines l USING (product_id) LEFT JOIN kept k USING (product_id)
WHERE t.taken <> coalesce(l.held, 0) + coalesce(k.kept, 0)
UNION ALL
SELECT 'balance_eq_charges_plus_restores_minus_succeeded_payments', count(*)
FROM balances b LEFT JOIN history h USING (user_id) LEFT JOIN paid p USING (user_id) LEFT JOIN refunds r USING (user_id)
WHERE b.amount < 0
   OR b.amount <> coalesce(h.charged, 0) + coalesce(h.restored, 0) - coalesce(p.paid, 0)
   OR coalesce(h.used, 0) <> coalesce(p.paid, 0)
   OR coalesce(h.restored, 0) <> coalesce(r.refunded, 0)
UNION ALL
SELECT 'one_completed_event_per_paid_order', count(*)
FROM orders o LEFT JOIN events e ON e.order_id = o.id
WHERE (o.status IN ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED') AND coalesce(e.completed, 0) <> 1)
   OR (o.status NOT IN ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED') AND coalesce(e.completed, 0) <> 0)
UNION ALL
SELECT 'one_refunded_event_per_refund', count(*)
FROM orders o LEFT JOIN events e ON e.order_id = o.id LEFT JOIN order_refund_totals r ON r.order_id = o.id
WHERE coalesce(e.refunded, 0) <> coalesce(r.n, 0)
UNION ALL
SELECT 'refunds_add_up_to_at_most_the_total', count(*)
FROM orders o JOIN order_refund_totals r ON r.order_id = o.id
WHERE o.status NOT IN ('PARTIALLY_REFUNDED', 'REFUNDED') OR r.refunded > o.total_amount
   OR (o.status = 'REFUNDED' AND r.refunded <> o.total_amount)
UNION ALL
SELECT 'at_most_one_succeeded_payment_per_order', count(*)
FROM (SELECT order_id FROM payments WHERE status = 'SUCCEEDED' GROUP BY order_id HAVING count(*) > 1) x
UNION ALL
SELECT 'paid_order_has_its_succeeded_payment', count(*)
FROM orders o LEFT JOIN payments p ON p.id = o.payment_id
WHERE (o.status IN ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
       AND (p.id IS NULL OR p.status <> 'SUCCEEDED' OR p.order_id <> o.id OR p.amount <> o.total_amount))
   OR (o.status NOT IN ('COMPLETED', 'PARTIALLY_REFUNDED', 'REFUNDED')
       AND EXISTS (SELECT 1 FROM payments q WHERE q.order_id = o.id AND q.status = 'SUCCEEDED'))
UNION ALL
-- a coupon pays for at most one order that is not wholly refunded (a full refund frees it for another)
SELECT 'coupon_used_at_most_once', count(*)
FROM (SELECT coupon_id FROM orders WHERE status IN ('COMPLETED', 'PARTIALLY_REFUNDED') AND coupon_id IS NOT NULL
      GROUP BY coupon_id HAVING count(*) > 1) x
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
