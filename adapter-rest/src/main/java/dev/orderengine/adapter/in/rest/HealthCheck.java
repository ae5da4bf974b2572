package dev.orderengine.adapter.in.rest;

/**
 * Tells {@code GET /health/ready} (and {@code /health}) whether the database answers. Called on a request thread for
 * every such request unless wrapped in a {@link SharedHealthCheck}; should answer within a second or two and must not
 * open a write transaction.
 */
@FunctionalInterface
public interface HealthCheck {

    /** Whether the database answers now; an exception counts as down. */
    boolean databaseUp();
}
