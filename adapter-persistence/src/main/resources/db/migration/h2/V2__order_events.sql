-- The transactional outbox. tx_id stays empty on H2 (no transaction ids); it is the PostgreSQL relay's.
CREATE TABLE order_events (
    id         BIGINT                   NOT NULL,
    order_id   BIGINT                   NOT NULL,
    type       VARCHAR(40)              NOT NULL,
    snapshot   TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    tx_id      BIGINT,
    CONSTRAINT order_events_pk PRIMARY KEY (id),
    CONSTRAINT order_events_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
);
CREATE INDEX order_events_order_idx ON order_events (order_id);
