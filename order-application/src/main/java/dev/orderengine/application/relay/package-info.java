/**
 * Reading the outbox of order events per consumer, with a cursor each: the relay to the data platform
 * (at least once, in order, never skipping) and the product sales statistics (exactly once, in the
 * same transaction as its cursor).
 */
package dev.orderengine.application.relay;
