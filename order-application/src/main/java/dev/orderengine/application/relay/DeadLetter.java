package dev.orderengine.application.relay;

import java.time.Instant;
import java.util.Objects;

/** An event the receiver refused for good (a 4xx other than 408, 409 and 429), with its answer, set aside. */
public record DeadLetter(String consumer, long eventId, int status, String response, Instant createdAt) {

    public DeadLetter {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
