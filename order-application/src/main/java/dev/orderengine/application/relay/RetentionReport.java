package dev.orderengine.application.relay;

/** What one retention run deleted. */
public record RetentionReport(long events, long deadLetters, long idempotencyKeys) {
}
