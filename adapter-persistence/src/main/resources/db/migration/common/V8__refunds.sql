-- Refunds after payment (SPEC §2.1): two more order statuses, the units refunded per order line, a record per refund
-- with its lines, and the refund an idempotency key made. Sales statistics keep CHECK (quantity > 0): a day and product
-- whose net reaches 0 is deleted by the statistics consumer, never stored as 0 or below.
ALTER TABLE orders DROP CONSTRAINT orders_status_ck;
ALTER TABLE orders ADD CONSTRAINT orders_status_ck CHECK (status = ANY (ARRAY['READY', 'STOCK_ALLOCATED', 'COMPLETED',
    'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED']));

ALTER TABLE order_products ADD COLUMN refunded_quantity INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE order_products ADD CONSTRAINT order_products_refunded_ck CHECK (refunded_quantity >= 0 AND refunded_quantity <= quantity);

CREATE SEQUENCE order_refunds_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE order_refunds (
    id         BIGINT                   NOT NULL,
    order_id   BIGINT                   NOT NULL,
    amount     DECIMAL(19, 2)           NOT NULL,
    reason     VARCHAR(500),
    restock    BOOLEAN                  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT order_refunds_pk PRIMARY KEY (id),
    CONSTRAINT order_refunds_order_fk FOREIGN KEY (order_id) REFERENCES orders (id),
    CONSTRAINT order_refunds_amount_ck CHECK (amount >= 0)
);
-- An order's refunds.
CREATE INDEX order_refunds_order_idx ON order_refunds (order_id);

CREATE TABLE order_refund_lines (
    refund_id  BIGINT  NOT NULL,
    line_no    INTEGER NOT NULL,
    product_id BIGINT  NOT NULL,
    quantity   INTEGER NOT NULL,
    CONSTRAINT order_refund_lines_pk PRIMARY KEY (refund_id, line_no),
    CONSTRAINT order_refund_lines_refund_fk FOREIGN KEY (refund_id) REFERENCES order_refunds (id),
    CONSTRAINT order_refund_lines_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT order_refund_lines_quantity_ck CHECK (quantity >= 1 AND quantity <= 1000)
);

ALTER TABLE idempotency_keys ADD COLUMN result_refund_id BIGINT;
