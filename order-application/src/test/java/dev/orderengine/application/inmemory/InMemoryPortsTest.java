package dev.orderengine.application.inmemory;

import static dev.orderengine.application.testing.Failures.failsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.application.EnginePorts;
import dev.orderengine.application.port.IdempotencyClaim;
import dev.orderengine.application.port.IdempotencyKey;
import dev.orderengine.application.port.IdempotentOutcome;
import dev.orderengine.application.port.Transactions;
import dev.orderengine.domain.balance.Balance;
import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.coupon.CouponSourceId;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderLine;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.product.StockLine;
import dev.orderengine.domain.shared.DomainException;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The in-memory ports keep the contracts of their interfaces, so the use-case tests over them mean something. */
class InMemoryPortsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private static final UserId ADA = new UserId(1);
    private static final UserId BOB = new UserId(2);
    private static final ProductId PEN = new ProductId(1);
    private static final ProductId INK = new ProductId(2);

    private final EnginePorts ports = InMemoryPorts.create();

    @Test
    void create_gives_fresh_empty_storage_each_time() {
        EnginePorts other = InMemoryPorts.create();
        tx(() -> {
            ports.stock().set(PEN, 1);
            return null;
        });

        assertThat(InMemoryPorts.storageOf(other).stockLevels()).isEmpty();
        assertThat(InMemoryPorts.storageOf(ports).stockLevels()).containsEntry(PEN, 1L);
        assertThat(InMemoryPorts.storageOf(ports).ports()).isSameAs(ports);
    }

    @Test
    void storage_of_refuses_ports_it_did_not_make() {
        EnginePorts foreign = new EnginePorts(new PassThroughTransactions(ports.transactions()), ports.users(), ports.products(), ports.stock(),
                ports.couponSources(), ports.coupons(), ports.balances(), ports.payments(), ports.orders(),
                ports.orderEvents(), ports.idempotencyKeys());

        assertThatThrownBy(() -> InMemoryPorts.storageOf(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reserves_every_line_or_none_and_names_the_product_short_of_stock() {
        tx(() -> {
            ports.stock().set(PEN, 5);
            ports.stock().set(INK, 1);
            DomainException refused = failsWith(ErrorCode.OUT_OF_STOCK,
                    () -> ports.stock().reserve(List.of(new StockLine(PEN, 3), new StockLine(INK, 2))));
            assertThat(refused.detail()).contains("product " + INK);
            assertThat(ports.stock().available(List.of(PEN, INK))).isEqualTo(Map.of(PEN, 5L, INK, 1L));

            ports.stock().reserve(List.of(new StockLine(PEN, 3), new StockLine(INK, 1)));
            assertThat(ports.stock().available(List.of(PEN, INK))).isEqualTo(Map.of(PEN, 2L, INK, 0L));
            return null;
        });
    }

    @Test
    void refuses_to_reserve_a_product_without_a_stock_record() {
        tx(() -> {
            ports.stock().set(PEN, 5);
            failsWith(ErrorCode.PRODUCT_NOT_FOUND, () -> ports.stock().reserve(List.of(new StockLine(PEN, 1), new StockLine(INK, 1))));
            assertThat(ports.stock().available(List.of(PEN, INK))).isEqualTo(Map.of(PEN, 5L));
            return null;
        });
    }

    @Test
    void counts_two_lines_of_one_product_together() {
        tx(() -> {
            ports.stock().set(PEN, 5);
            failsWith(ErrorCode.OUT_OF_STOCK, () -> ports.stock().reserve(List.of(new StockLine(PEN, 3), new StockLine(PEN, 3))));
            ports.stock().reserve(List.of(new StockLine(PEN, 2), new StockLine(PEN, 3)));
            ports.stock().release(List.of(new StockLine(PEN, 4)));
            assertThat(ports.stock().available(List.of(PEN))).containsEntry(PEN, 4L);
            return null;
        });
    }

    @Test
    void refuses_a_negative_stock_level() {
        tx(() -> {
            assertThatThrownBy(() -> ports.stock().set(PEN, -1)).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @Test
    void hands_out_copies_so_a_changed_but_unsaved_aggregate_changes_nothing() {
        OrderId orderId = new OrderId(7);
        CouponId couponId = new CouponId(3);
        CouponSourceId sourceId = new CouponSourceId(4);
        tx(() -> {
            ports.balances().add(Balance.openFor(ADA));
            ports.orders().add(allocatedOrder(orderId, ADA, NOW));
            CouponSource source = CouponSource.open(sourceId, "Welcome", Money.of(100), 10, 7, NOW);
            Coupon coupon = source.issueTo(ADA, couponId, NOW);
            ports.couponSources().add(source);
            ports.coupons().add(coupon);
            return null;
        });

        tx(() -> {
            ports.balances().lockByUser(ADA).orElseThrow().charge(Money.of(50), NOW);
            ports.orders().lockById(orderId).orElseThrow().cancel(NOW);
            ports.coupons().lockById(couponId).orElseThrow().useOn(orderId, ADA, NOW);
            ports.couponSources().lockById(sourceId).orElseThrow().issueTo(BOB, new CouponId(9), NOW);
            return null;
        });

        tx(() -> {
            assertThat(ports.balances().findByUser(ADA).orElseThrow().amount()).isEqualTo(Money.ZERO);
            assertThat(ports.orders().findById(orderId).orElseThrow().status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
            assertThat(ports.coupons().findById(couponId).orElseThrow().usedAt()).isEmpty();
            assertThat(ports.couponSources().findById(sourceId).orElseThrow().issuedQuantity()).isEqualTo(1);
            return null;
        });
    }

    @Test
    void stores_a_copy_on_save_so_later_changes_need_another_save() {
        tx(() -> {
            ports.balances().add(Balance.openFor(ADA));
            Balance balance = ports.balances().lockByUser(ADA).orElseThrow();
            ports.balances().save(balance, balance.charge(Money.of(100), NOW));
            balance.charge(Money.of(900), NOW);
            assertThat(ports.balances().findByUser(ADA).orElseThrow().amount()).isEqualTo(Money.of(100));
            assertThat(ports.balances().history(ADA, new PageRequest(0, 100)).items()).hasSize(1);
            return null;
        });
    }

    @Test
    void refuses_a_second_coupon_of_one_campaign_for_one_user() {
        CouponSource source = CouponSource.open(new CouponSourceId(1), "Welcome", Money.of(100), 10, 7, NOW);
        tx(() -> {
            ports.coupons().add(source.issueTo(ADA, new CouponId(1), NOW));
            failsWith(ErrorCode.COUPON_ALREADY_ISSUED, () -> ports.coupons().add(source.issueTo(ADA, new CouponId(2), NOW)));
            ports.coupons().add(source.issueTo(BOB, new CouponId(3), NOW));
            assertThat(ports.coupons().existsFor(ADA, source.id())).isTrue();
            assertThat(ports.coupons().findById(new CouponId(2))).isEmpty();
            return null;
        });
    }

    @Test
    void lists_coupons_of_an_owner_newest_first() {
        tx(() -> {
            for (int i = 1; i <= 3; i++) {
                CouponSource source = CouponSource.open(new CouponSourceId(i), "C" + i, Money.of(100), 10, 7, NOW);
                ports.coupons().add(source.issueTo(ADA, new CouponId(i), NOW.plusSeconds(i % 2)));
            }
            assertThat(ports.coupons().findByOwner(ADA, new PageRequest(0, 100)).items()).extracting(Coupon::id)
                    .containsExactly(new CouponId(3), new CouponId(1), new CouponId(2));
            assertThat(ports.coupons().findByOwner(BOB, new PageRequest(0, 100)).items()).isEmpty();
            return null;
        });
    }

    @Test
    void refuses_a_second_successful_payment_of_one_order_but_keeps_every_failed_one() {
        OrderId order = new OrderId(1);
        tx(() -> {
            ports.payments().add(Payment.failed(ports.payments().nextId(), order, ADA, Money.of(10), ErrorCode.INSUFFICIENT_BALANCE, NOW));
            ports.payments().add(Payment.failed(ports.payments().nextId(), order, ADA, Money.of(10), ErrorCode.COUPON_EXPIRED, NOW));
            ports.payments().add(Payment.succeeded(ports.payments().nextId(), order, ADA, Money.of(10), NOW));
            assertThatThrownBy(() -> ports.payments().add(Payment.succeeded(ports.payments().nextId(), order, ADA, Money.of(10), NOW)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(ports.payments().findByOrder(order)).extracting(Payment::failureCode).hasSize(3);
            return null;
        });
    }

    @Test
    void finds_allocated_orders_created_at_or_before_an_instant_in_id_order_page_after_page() {
        tx(() -> {
            ports.orders().add(allocatedOrder(new OrderId(1), ADA, NOW.plusSeconds(20)));
            ports.orders().add(allocatedOrder(new OrderId(2), ADA, NOW));
            ports.orders().add(allocatedOrder(new OrderId(3), BOB, NOW.plusSeconds(10)));
            ports.orders().add(allocatedOrder(new OrderId(4), BOB, NOW.plusSeconds(30)));
            Order cancelled = allocatedOrder(new OrderId(5), ADA, NOW);
            cancelled.cancel(NOW);
            ports.orders().add(cancelled);

            assertThat(ports.orders().findAllocatedCreatedBefore(NOW.plusSeconds(20), Optional.empty(), 10))
                    .containsExactly(new OrderId(1), new OrderId(2), new OrderId(3));
            assertThat(ports.orders().findAllocatedCreatedBefore(NOW.plusSeconds(20), Optional.empty(), 2))
                    .containsExactly(new OrderId(1), new OrderId(2));
            assertThat(ports.orders().findAllocatedCreatedBefore(NOW.plusSeconds(20), Optional.of(new OrderId(2)), 2))
                    .containsExactly(new OrderId(3));
            assertThat(ports.orders().findByUser(ADA, new PageRequest(0, 100)).items()).extracting(Order::id)
                    .containsExactly(new OrderId(1), new OrderId(5), new OrderId(2));
            Page<Order> second = ports.orders().findByUser(ADA, new PageRequest(1, 2));
            assertThat(second.items()).extracting(Order::id).containsExactly(new OrderId(2));
            assertThat(second.total()).isEqualTo(3);
            assertThat(ports.orders().findByUser(ADA, new PageRequest(2, 2)).items()).isEmpty();
            return null;
        });
    }

    @Test
    void refuses_to_store_an_order_without_priced_lines() {
        tx(() -> {
            Order unpriced = Order.restore(new OrderId(1), ADA, OrderStatus.READY, List.of(), null,
                    Money.ZERO, Money.ZERO, Money.ZERO, null, NOW, NOW, null, List.of());
            assertThatThrownBy(() -> ports.orders().add(unpriced)).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @Test
    void refuses_to_save_what_was_never_stored() {
        tx(() -> {
            assertThatThrownBy(() -> ports.orders().save(allocatedOrder(new OrderId(1), ADA, NOW))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ports.balances().save(Balance.openFor(ADA), Balance.openFor(ADA).charge(Money.of(1), NOW)))
                    .isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void claims_a_key_through_its_life_fresh_resumable_completed() {
        IdempotencyKey key = new IdempotencyKey(ADA, "k");

        assertThat(tx(() -> ports.idempotencyKeys().claim(key, "f1"))).isEqualTo(new IdempotencyClaim.Fresh());
        tx(() -> {
            ports.idempotencyKeys().attachOrder(key, 7);
            return null;
        });
        assertThat(tx(() -> ports.idempotencyKeys().claim(key, "f1"))).isEqualTo(new IdempotencyClaim.Resumable(7));
        tx(() -> {
            ports.idempotencyKeys().complete(key, IdempotentOutcome.orderFailed(7, ErrorCode.INSUFFICIENT_BALANCE));
            return null;
        });

        assertThat(tx(() -> ports.idempotencyKeys().claim(key, "f1")))
                .isEqualTo(new IdempotencyClaim.Completed(IdempotentOutcome.orderFailed(7, ErrorCode.INSUFFICIENT_BALANCE)));
        tx(() -> failsWith(ErrorCode.IDEMPOTENCY_KEY_REUSED, () -> ports.idempotencyKeys().claim(key, "f2")));
        assertThat(tx(() -> ports.idempotencyKeys().claim(new IdempotencyKey(BOB, "k"), "f2"))).isEqualTo(new IdempotencyClaim.Fresh());
    }

    @Test
    void forgets_a_claim_whose_transaction_rolled_back() {
        IdempotencyKey key = new IdempotencyKey(ADA, "k");
        assertThatThrownBy(() -> tx(() -> {
            ports.idempotencyKeys().claim(key, "f1");
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(tx(() -> ports.idempotencyKeys().claim(key, "f2"))).isEqualTo(new IdempotencyClaim.Fresh());
    }

    @Test
    void refuses_to_complete_a_key_never_claimed() {
        tx(() -> {
            assertThatThrownBy(() -> ports.idempotencyKeys().complete(new IdempotencyKey(ADA, "k"), IdempotentOutcome.balance(Money.ZERO)))
                    .isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void numbers_events_in_append_order() {
        InMemoryStorage storage = InMemoryPorts.storageOf(ports);
        Order completed = allocatedOrder(new OrderId(1), ADA, NOW);
        completed.complete(Payment.succeeded(new PaymentId(1), completed.id(), ADA,
                completed.amountDue(Money.ZERO), NOW), Optional.empty(), Money.ZERO, NOW);
        OrderEvent event = OrderEvent.completed(completed, NOW.plus(Duration.ofSeconds(1)));

        long first = tx(() -> ports.orderEvents().append(event));
        long second = tx(() -> ports.orderEvents().append(event));

        assertThat(second).isGreaterThan(first);
        assertThat(storage.eventsById().keySet()).containsExactly(first, second);
        assertThat(storage.events()).containsExactly(event, event);
    }

    private static Order allocatedOrder(OrderId id, UserId user, Instant createdAt) {
        return Order.restore(id, user, OrderStatus.STOCK_ALLOCATED, List.of(new OrderLine(PEN, 2, Money.of(500))), null,
                Money.of(1_000), Money.ZERO, Money.of(1_000), null, createdAt, createdAt, null, List.of());
    }

    private <T> T tx(Supplier<T> work) {
        return ports.transactions().inTransaction(work);
    }

    private record PassThroughTransactions(Transactions delegate) implements Transactions {

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return delegate.inTransaction(work);
        }

        @Override
        public <T> T readOnly(Supplier<T> work) {
            return delegate.readOnly(work);
        }
    }
}
