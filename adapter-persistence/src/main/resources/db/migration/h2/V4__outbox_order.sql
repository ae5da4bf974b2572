-- H2 has no transaction ids to read gap-free by. Instead every transaction that appends an event first
-- locks this one row and only then draws the event's id, so events commit in id order; tx_id is always 0
-- and relay order is id order.
CREATE TABLE outbox_writers (
    id INTEGER NOT NULL,
    CONSTRAINT outbox_writers_pk PRIMARY KEY (id)
);
INSERT INTO outbox_writers (id) VALUES (1);
UPDATE order_events SET tx_id = 0 WHERE tx_id IS NULL;
ALTER TABLE order_events ALTER COLUMN tx_id SET DEFAULT 0;
ALTER TABLE order_events ALTER COLUMN tx_id SET NOT NULL;
CREATE INDEX order_events_relay_idx ON order_events (tx_id, id);
