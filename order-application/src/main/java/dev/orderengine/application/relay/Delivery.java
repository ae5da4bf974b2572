package dev.orderengine.application.relay;

/** What the data platform made of one event. */
public sealed interface Delivery {

    /** Accepted (2xx), or already had it (409): the event counts as delivered. */
    record Delivered() implements Delivery {
    }

    /** Not delivered for now (no connection, timeout, 408, 429, 5xx): try again later, skip nothing. */
    record Retry(String reason) implements Delivery {
    }

    /** Refused for good (any other 4xx): goes to the dead letters with the response, the relay goes on. */
    record Poison(int status, String response) implements Delivery {
    }
}
