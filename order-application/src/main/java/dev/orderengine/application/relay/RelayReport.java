package dev.orderengine.application.relay;

import java.util.Optional;

/** What one relay run did: events delivered, events dead-lettered, and the failure that stopped it, if any. */
public record RelayReport(int delivered, int deadLettered, Optional<String> stoppedBy) {

    static RelayReport backingOff() {
        return new RelayReport(0, 0, Optional.of("backing off after failures"));
    }
}
