-- The transactional outbox. tx_id is the id of the writing transaction, filled in by the database, so that a
-- relay can read gap-free below the oldest transaction still running (pg_snapshot_xmin).
CREATE TABLE order_events (
    id         BIGINT                   NOT NULL,
    order_id   BIGINT                   NOT NULL,
    type       VARCHAR(40)              NOT NULL,
    snapshot   TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    tx_id      BIGINT DEFAULT pg_current_xact_id()::text::bigint,
    CONSTRAINT order_events_pk PRIMARY KEY (id),
    CONSTRAINT order_events_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)
);
CREATE INDEX order_events_order_idx ON order_events (order_id);
