-- The W3C trace context (traceparent) of the request that stored an event, when it was traced (SPEC §5): the relay's
-- delivery of the event joins that trace. Nullable: untraced events, and every event stored before.
ALTER TABLE order_events ADD COLUMN traceparent VARCHAR(55);
