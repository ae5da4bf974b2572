package dev.orderengine.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/** The outbox consumers seen through the admin API, for tests that need them idle before they compare rows. */
final class Relays {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private Relays() {
    }

    static List<JsonNode> of(Api api) {
        return StreamSupport.stream(Api.expect(200, api.adminGet("/api/v1/admin/relays")).spliterator(), false).toList();
    }

    /**
     * Runs both consumers until neither has an event left, so that no job writes while a test compares rows. Triggered
     * again while behind: a trigger that fires while the job's run at start is still going is dropped.
     */
    static void drain(OrderServer server, Api api) {
        Eventually.await(WAIT, "both consumers have caught up", () -> {
            boolean caughtUp = of(api).stream().allMatch(relay -> relay.get("lag").asLong() == 0);
            if (!caughtUp) {
                server.scheduler().triggerNow(OrderServer.RELAY_JOB);
                server.scheduler().triggerNow(OrderServer.STATISTICS_JOB);
            }
            return caughtUp;
        }, () -> of(api));
    }
}
