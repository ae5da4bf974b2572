package dev.orderengine.application.relay;

import java.util.Objects;

/**
 * The driven ports of the outbox consumers, implemented by the same storage adapter as the
 * {@link dev.orderengine.application.EnginePorts} and joining its transactions.
 */
public record RelayPorts(OrderEventFeed feed, RelayCursors cursors, DeadLetters deadLetters, ProductSales productSales) {

    public RelayPorts {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(cursors, "cursors");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(productSales, "productSales");
    }
}
