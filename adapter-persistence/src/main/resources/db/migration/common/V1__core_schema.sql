-- Core tables of the order engine, written in the SQL that PostgreSQL and H2 (PostgreSQL mode) share.
-- Money is DECIMAL(19,2); instants are TIMESTAMP WITH TIME ZONE, written in UTC.
-- Ids come from one sequence per kind; INCREMENT BY 50 lets the adapter hand out 50 ids per round trip.
-- Enumerations are checked with "= ANY (ARRAY[...])", not "IN (...)": H2 2.4.240 marks a CHECK with a multi-value
-- IN list "invalid" for every session once the session that created it has closed.

CREATE SEQUENCE users_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE balance_history_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE products_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE coupon_sources_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE coupons_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE orders_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE payments_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE order_events_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE users (
    id         BIGINT                   NOT NULL,
    name       VARCHAR(100)             NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (id),
    CONSTRAINT users_status_ck CHECK (status = ANY (ARRAY['ACTIVE', 'INACTIVE']))
);

CREATE TABLE balances (
    user_id BIGINT         NOT NULL,
    amount  DECIMAL(19, 2) NOT NULL,
    CONSTRAINT balances_pk PRIMARY KEY (user_id),
    CONSTRAINT balances_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT balances_amount_ck CHECK (amount >= 0)
);

CREATE TABLE products (
    id          BIGINT                   NOT NULL,
    name        VARCHAR(100)             NOT NULL,
    description VARCHAR(2000),
    price       DECIMAL(19, 2)           NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT products_pk PRIMARY KEY (id),
    CONSTRAINT products_price_ck CHECK (price > 0),
    CONSTRAINT products_status_ck CHECK (status = ANY (ARRAY['ON_SALE', 'DISCONTINUED']))
);

CREATE TABLE product_stocks (
    product_id BIGINT  NOT NULL,
    quantity   INTEGER NOT NULL,
    CONSTRAINT product_stocks_pk PRIMARY KEY (product_id),
    CONSTRAINT product_stocks_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT product_stocks_quantity_ck CHECK (quantity >= 0)
);

CREATE TABLE coupon_sources (
    id              BIGINT                   NOT NULL,
    name            VARCHAR(100)             NOT NULL,
    discount_amount DECIMAL(19, 2)           NOT NULL,
    total_quantity  INTEGER                  NOT NULL,
    issued_quantity INTEGER                  NOT NULL,
    valid_days      INTEGER                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT coupon_sources_pk PRIMARY KEY (id),
    CONSTRAINT coupon_sources_discount_ck CHECK (discount_amount > 0),
    CONSTRAINT coupon_sources_valid_days_ck CHECK (valid_days > 0),
    CONSTRAINT coupon_sources_issued_ck CHECK (issued_quantity >= 0 AND issued_quantity <= total_quantity)
);

CREATE TABLE orders (
    id              BIGINT                   NOT NULL,
    user_id         BIGINT                   NOT NULL,
    status          VARCHAR(20)              NOT NULL,
    coupon_id       BIGINT,
    original_amount DECIMAL(19, 2)           NOT NULL,
    discount_amount DECIMAL(19, 2)           NOT NULL,
    total_amount    DECIMAL(19, 2)           NOT NULL,
    payment_id      BIGINT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT orders_pk PRIMARY KEY (id),
    CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT orders_status_ck CHECK (status = ANY (ARRAY['READY', 'STOCK_ALLOCATED', 'COMPLETED', 'CANCELLED'])),
    CONSTRAINT orders_amounts_ck CHECK (original_amount >= 0 AND discount_amount >= 0 AND total_amount >= 0)
);
-- A user's orders, newest first.
CREATE INDEX orders_user_created_idx ON orders (user_id, created_at);
-- The expiry job: allocated orders, oldest first.
CREATE INDEX orders_status_created_idx ON orders (status, created_at);

CREATE TABLE order_products (
    order_id   BIGINT         NOT NULL,
    line_no    INTEGER        NOT NULL,
    product_id BIGINT         NOT NULL,
    quantity   INTEGER        NOT NULL,
    unit_price DECIMAL(19, 2) NOT NULL,
    CONSTRAINT order_products_pk PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_products_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_products_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT order_products_quantity_ck CHECK (quantity >= 1 AND quantity <= 1000),
    CONSTRAINT order_products_price_ck CHECK (unit_price >= 0)
);

CREATE TABLE coupons (
    id               BIGINT                   NOT NULL,
    user_id          BIGINT                   NOT NULL,
    coupon_source_id BIGINT                   NOT NULL,
    name             VARCHAR(100)             NOT NULL,
    discount_amount  DECIMAL(19, 2)           NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at          TIMESTAMP WITH TIME ZONE,
    used_order_id    BIGINT,
    CONSTRAINT coupons_pk PRIMARY KEY (id),
    CONSTRAINT coupons_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT coupons_source_fk FOREIGN KEY (coupon_source_id) REFERENCES coupon_sources (id),
    CONSTRAINT coupons_used_order_fk FOREIGN KEY (used_order_id) REFERENCES orders (id),
    -- Also the index of "a user's coupons": user_id leads it.
    CONSTRAINT coupons_user_source_uk UNIQUE (user_id, coupon_source_id),
    CONSTRAINT coupons_used_ck CHECK ((used_at IS NULL) = (used_order_id IS NULL))
);

ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (coupon_id) REFERENCES coupons (id);

CREATE TABLE payments (
    id                 BIGINT                   NOT NULL,
    order_id           BIGINT                   NOT NULL,
    user_id            BIGINT                   NOT NULL,
    amount             DECIMAL(19, 2)           NOT NULL,
    status             VARCHAR(16)              NOT NULL,
    failure_code       VARCHAR(40),
    -- The order id on a SUCCEEDED payment only: its unique constraint allows one successful payment per
    -- order without a partial index (H2 has none).
    succeeded_order_id BIGINT,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT payments_pk PRIMARY KEY (id),
    CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT payments_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT payments_one_success_uk UNIQUE (succeeded_order_id),
    CONSTRAINT payments_amount_ck CHECK (amount >= 0),
    CONSTRAINT payments_status_ck CHECK (
        (status = 'SUCCEEDED' AND failure_code IS NULL AND succeeded_order_id = order_id)
        OR (status = 'FAILED' AND failure_code IS NOT NULL AND succeeded_order_id IS NULL))
);
CREATE INDEX payments_order_idx ON payments (order_id);

ALTER TABLE orders ADD CONSTRAINT orders_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id);

CREATE TABLE balance_history (
    id            BIGINT                   NOT NULL,
    user_id       BIGINT                   NOT NULL,
    type          VARCHAR(16)              NOT NULL,
    amount        DECIMAL(19, 2)           NOT NULL,
    balance_after DECIMAL(19, 2)           NOT NULL,
    order_id      BIGINT,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT balance_history_pk PRIMARY KEY (id),
    CONSTRAINT balance_history_user_fk FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT balance_history_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT balance_history_type_ck CHECK (type = ANY (ARRAY['CHARGE', 'USE', 'RESTORE'])),
    CONSTRAINT balance_history_amounts_ck CHECK (amount >= 0 AND balance_after >= 0)
);
CREATE INDEX balance_history_user_idx ON balance_history (user_id, created_at);

-- Idempotency records of client requests, scoped per user. A row is held (row lock) by the transaction that
-- claimed it; order_id notes the order a first request created; the result_* columns repeat its answer.
CREATE TABLE idempotency_keys (
    user_id         BIGINT                   NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    fingerprint     VARCHAR(64)              NOT NULL,
    order_id        BIGINT,
    completed       BOOLEAN                  NOT NULL,
    result_order_id BIGINT,
    result_balance  DECIMAL(19, 2),
    result_error    VARCHAR(40),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_keys_pk PRIMARY KEY (user_id, idempotency_key),
    CONSTRAINT idempotency_keys_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
-- Purging records older than their retention.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
