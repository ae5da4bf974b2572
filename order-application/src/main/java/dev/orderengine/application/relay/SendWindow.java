package dev.orderengine.application.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The sending discipline of the {@link DataPlatform} contract for transports that send one event at a time and learn
 * each answer later (HTTP, Kafka). Events start in relay order; event {@code i} starts once event
 * {@code i - maxInFlight} has answered, so at most {@code maxInFlight} are unanswered and none runs further than that
 * ahead of the oldest unanswered one. An event never starts while an earlier event of the same order is unanswered
 * (a refund never overtakes its order's completion), and once an answer says retry no later event starts: those in
 * flight finish and their answers count.
 */
public final class SendWindow {

    static final Delivery NOT_SENT = new Delivery.Retry("not sent: an earlier event must be retried first");

    private SendWindow() {
    }

    /**
     * Sends {@code events} through {@code send}, which starts one send and completes with its answer. A send that throws
     * or completes exceptionally counts as {@link Delivery.Retry} with the failure's description.
     *
     * @return one answer per event, in the same order; events never started are {@link Delivery.Retry}
     */
    public static List<Delivery> deliver(List<PublishedEvent> events, int maxInFlight,
                                         Function<PublishedEvent, CompletableFuture<Delivery>> send) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
        Objects.requireNonNull(send, "send");
        AtomicBoolean mustRetry = new AtomicBoolean();
        List<CompletableFuture<Delivery>> started = new ArrayList<>(events.size());
        Map<Long, CompletableFuture<Delivery>> lastOfOrder = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            if (i >= maxInFlight) {
                started.get(i - maxInFlight).join();
            }
            PublishedEvent event = events.get(i);
            CompletableFuture<Delivery> earlierOfOrder = lastOfOrder.get(event.orderId());
            if (earlierOfOrder != null) {
                earlierOfOrder.join();
            }
            if (mustRetry.get()) {
                break;
            }
            CompletableFuture<Delivery> answer = start(send, event).thenApply(delivery -> {
                if (delivery instanceof Delivery.Retry) {
                    mustRetry.set(true);
                }
                return delivery;
            });
            started.add(answer);
            lastOfOrder.put(event.orderId(), answer);
        }
        List<Delivery> answers = new ArrayList<>(events.size());
        started.forEach(answer -> answers.add(answer.join()));
        while (answers.size() < events.size()) {
            answers.add(NOT_SENT);
        }
        return answers;
    }

    private static CompletableFuture<Delivery> start(Function<PublishedEvent, CompletableFuture<Delivery>> send, PublishedEvent event) {
        CompletableFuture<Delivery> sending;
        try {
            sending = Objects.requireNonNull(send.apply(event), "send returned no future");
        } catch (RuntimeException failure) {
            sending = CompletableFuture.failedFuture(failure);
        }
        return sending.exceptionally(failure -> new Delivery.Retry(describe(failure)));
    }

    /** The failure as an operator reads it in the relay's last error: its type and message. */
    public static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
