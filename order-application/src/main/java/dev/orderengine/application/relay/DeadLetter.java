package dev.orderengine.application.relay;

import dev.orderengine.domain.order.OrderEventType;
import java.time.Instant;
import java.util.Objects;

/**
 * An event the receiver refused for good (a 4xx other than 408, 409 and 429), set aside with a copy of its body, so
 * that it outlives the outbox row, and the receiver's answer. The answer is kept as text any storage takes: at most
 * {@value #MAX_RESPONSE_LENGTH} characters, control characters other than tab and line breaks written as
 * {@code \}{@code uNNNN} escapes (PostgreSQL refuses a NUL in text) and unpaired surrogates replaced.
 */
public record DeadLetter(String consumer, long eventId, long orderId, OrderEventType type, String body, int status,
                         String response, Instant createdAt) {

    public static final int MAX_RESPONSE_LENGTH = 2_000;

    public DeadLetter {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        response = storable(Objects.requireNonNull(response, "response"));
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The letter of {@code event}, refused with {@code status} and {@code response}. */
    static DeadLetter of(String consumer, PublishedEvent event, int status, String response, Instant now) {
        return new DeadLetter(consumer, event.eventId(), event.orderId(), event.type(), event.body(), status, response, now);
    }

    /** The same letter with {@code note} in place of the receiver's answer. */
    DeadLetter withResponse(String note) {
        return new DeadLetter(consumer, eventId, orderId, type, body, status, note, createdAt);
    }

    static String storable(String text) {
        StringBuilder kept = new StringBuilder(Math.min(text.length(), MAX_RESPONSE_LENGTH));
        for (int i = 0; i < text.length() && kept.length() < MAX_RESPONSE_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                kept.append('\uFFFD');
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                kept.append(String.format("\\u%04x", (int) c));
            } else {
                kept.append(c);
            }
        }
        return kept.length() > MAX_RESPONSE_LENGTH ? kept.substring(0, MAX_RESPONSE_LENGTH) : kept.toString();
    }
}
