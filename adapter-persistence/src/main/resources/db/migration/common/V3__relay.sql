-- One cursor per consumer of the outbox: how far it got in relay order (tx_id, event id) and how its
-- last attempts went.
CREATE TABLE relay_cursors (
    consumer             VARCHAR(64)              NOT NULL,
    position_tx          BIGINT                   NOT NULL,
    position_event       BIGINT                   NOT NULL,
    consecutive_failures INTEGER                  NOT NULL,
    retry_at             TIMESTAMP WITH TIME ZONE,
    last_delivered_at    TIMESTAMP WITH TIME ZONE,
    last_error           VARCHAR(2000),
    CONSTRAINT relay_cursors_pk PRIMARY KEY (consumer),
    CONSTRAINT relay_cursors_position_ck CHECK (position_tx >= 0 AND position_event >= 0 AND consecutive_failures >= 0)
);

-- Events a receiver refused for good, with its answer.
CREATE SEQUENCE relay_dead_letters_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE relay_dead_letters (
    id         BIGINT                   NOT NULL,
    consumer   VARCHAR(64)              NOT NULL,
    event_id   BIGINT                   NOT NULL,
    status     INTEGER                  NOT NULL,
    response   TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT relay_dead_letters_pk PRIMARY KEY (id),
    CONSTRAINT relay_dead_letters_event_fk FOREIGN KEY (event_id) REFERENCES order_events (id)
);
CREATE INDEX relay_dead_letters_consumer_idx ON relay_dead_letters (consumer);

-- Units sold per product per day (UTC), kept by the statistics consumer.
CREATE TABLE product_sales_daily (
    sales_day  DATE   NOT NULL,
    product_id BIGINT NOT NULL,
    quantity   BIGINT NOT NULL,
    CONSTRAINT product_sales_daily_pk PRIMARY KEY (sales_day, product_id),
    CONSTRAINT product_sales_daily_product_fk FOREIGN KEY (product_id) REFERENCES products (id),
    CONSTRAINT product_sales_daily_quantity_ck CHECK (quantity > 0)
);
