package dev.orderengine.adapter.in.rest;

/** Tells {@code GET /health} whether the database answers. Called on a request thread; should answer within a second or two. */
@FunctionalInterface
public interface HealthCheck {

    /** Whether the database answers now; an exception counts as down. */
    boolean databaseUp();
}
