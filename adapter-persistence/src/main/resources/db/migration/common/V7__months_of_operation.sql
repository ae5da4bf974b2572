-- Months of operation (SPEC §3). A dead letter keeps a copy of its event (the body V6 wrote), so that retention can
-- delete the outbox row on its own schedule; events a receiver acknowledged past a cursor are noted so that they are
-- not sent again; stock becomes BIGINT, so that stock given back on top of a reset (bounded to 1,000,000,000 at the
-- API) cannot overflow the column.
ALTER TABLE relay_dead_letters ADD COLUMN order_id BIGINT;
ALTER TABLE relay_dead_letters ADD COLUMN event_type VARCHAR(40);
ALTER TABLE relay_dead_letters ADD COLUMN body TEXT;
UPDATE relay_dead_letters SET
    order_id = (SELECT e.order_id FROM order_events e WHERE e.id = relay_dead_letters.event_id),
    event_type = (SELECT e.type FROM order_events e WHERE e.id = relay_dead_letters.event_id),
    body = (SELECT e.snapshot FROM order_events e WHERE e.id = relay_dead_letters.event_id);
ALTER TABLE relay_dead_letters DROP CONSTRAINT relay_dead_letters_event_fk;
ALTER TABLE relay_dead_letters ALTER COLUMN order_id SET NOT NULL;
ALTER TABLE relay_dead_letters ALTER COLUMN event_type SET NOT NULL;
ALTER TABLE relay_dead_letters ALTER COLUMN body SET NOT NULL;
-- Retention deletes the oldest first.
CREATE INDEX relay_dead_letters_created_idx ON relay_dead_letters (created_at);

-- Events after a consumer's cursor that its receiver already acknowledged (delivered or refused for good) while an
-- earlier event must be retried; forgotten once the cursor passes them.
CREATE TABLE relay_acknowledged (
    consumer    VARCHAR(64) NOT NULL,
    position_tx BIGINT      NOT NULL,
    event_id    BIGINT      NOT NULL,
    CONSTRAINT relay_acknowledged_pk PRIMARY KEY (consumer, event_id)
);

ALTER TABLE product_stocks ALTER COLUMN quantity SET DATA TYPE BIGINT;
