package dev.orderengine.application.relay;

/** The dead-letter list of refused events. Joins the caller's current transaction. */
public interface DeadLetters {

    void add(DeadLetter letter);

    long count(String consumer);
}
