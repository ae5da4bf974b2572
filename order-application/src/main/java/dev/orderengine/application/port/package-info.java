/** Driven ports owned by the application layer: transaction boundaries and idempotency records. */
package dev.orderengine.application.port;
