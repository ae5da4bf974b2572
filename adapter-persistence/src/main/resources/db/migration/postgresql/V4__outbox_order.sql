-- Relay order is (writing transaction id, event id); readers stop below the oldest running transaction.
ALTER TABLE order_events ALTER COLUMN tx_id SET NOT NULL;
CREATE INDEX order_events_relay_idx ON order_events (tx_id, id);
