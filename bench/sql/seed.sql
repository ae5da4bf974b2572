-- Seeds the server's own tables (after the server has migrated them) for one scenario, with plain SQL.
-- psql variables: users, balance, products, stock, first_stock (stock of product 1), coupons (true/false).
-- Ids are 1..N; coupon id = user id (one coupon per user from coupon source 1). Prices are
-- (100 + (id * 7919) % 9900) / 100, i.e. 1.00 .. 99.99, which the pgbench scripts recompute.
\set ON_ERROR_STOP on
BEGIN;
TRUNCATE order_events, relay_dead_letters, payments, balance_history, order_products, orders, coupons, coupon_sources,
         idempotency_keys, product_sales_daily, product_stocks, products, balances, users CASCADE;

INSERT INTO users (id, name, status, created_at)
SELECT g, 'bench-user-' || g, 'ACTIVE', now() FROM generate_series(1, :users) g;
INSERT INTO balances (user_id, amount)
SELECT g, :balance FROM generate_series(1, :users) g;
-- the charge that made each balance, as POST /users/{id}/balance/charges records it
INSERT INTO balance_history (id, user_id, type, amount, balance_after, order_id, created_at)
SELECT g, g, 'CHARGE', :balance, :balance, NULL, now() FROM generate_series(1, :users) g;

INSERT INTO products (id, name, description, price, status, created_at)
SELECT g, 'bench-product-' || g, NULL, (100 + (g * 7919) % 9900) / 100.0, 'ON_SALE', now() FROM generate_series(1, :products) g;
INSERT INTO product_stocks (product_id, quantity)
SELECT g, CASE WHEN g = 1 THEN :first_stock ELSE :stock END FROM generate_series(1, :products) g;

\if :coupons
INSERT INTO coupon_sources (id, name, discount_amount, total_quantity, issued_quantity, valid_days, created_at)
VALUES (1, 'bench-coupon', 5.00, :users, :users, 30, now());
INSERT INTO coupons (id, user_id, coupon_source_id, name, discount_amount, expires_at, issued_at, used_at, used_order_id)
SELECT g, g, 1, 'bench-coupon', 5.00, now() + interval '30 days', now(), NULL, NULL FROM generate_series(1, :users) g;
\endif

-- The stock each product started with, for the invariant checks (a schema of the bench's own).
CREATE SCHEMA IF NOT EXISTS bench;
DROP TABLE IF EXISTS bench.seed_stock;
CREATE TABLE bench.seed_stock AS SELECT product_id, quantity FROM product_stocks;

-- Keep the id sequences consistent: the server draws blocks of 50 ("pooled-lo": nextval v reserves v..v+49), so
-- each sequence moves past every seeded id and past any block a running server may still hold.
DO $$
DECLARE
    r record;
    current_value bigint;
    max_id bigint;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('users_seq', 'users'), ('balance_history_seq', 'balance_history'),
                                   ('products_seq', 'products'), ('coupon_sources_seq', 'coupon_sources'),
                                   ('coupons_seq', 'coupons'), ('orders_seq', 'orders'), ('payments_seq', 'payments'),
                                   ('order_events_seq', 'order_events')) AS v(seq, tbl) LOOP
        EXECUTE format('SELECT last_value FROM %I', r.seq) INTO current_value;
        EXECUTE format('SELECT coalesce(max(id), 0) FROM %I', r.tbl) INTO max_id;
        PERFORM setval(r.seq, greatest(current_value + 50, max_id + 1), false);
    END LOOP;
END
$$;
COMMIT;
-- Statistics for the seeded tables only. The emptied order tables stay "never analysed" (TRUNCATE resets
-- reltuples to -1), as on a freshly migrated database, so the planner assumes a minimum size and picks their
-- indexes; analysing them while empty would record 0 rows, and the generic plans that prepared statements cache
-- for the whole run would then scan them sequentially as they grow (autovacuum may be off, as on this machine).
ANALYZE users, balances, balance_history, products, product_stocks, coupons, coupon_sources;
CHECKPOINT;
