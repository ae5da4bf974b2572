package dev.orderengine.adapter.out.persistence;

import static dev.orderengine.adapter.out.persistence.testing.StorageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderengine.domain.coupon.Coupon;
import dev.orderengine.domain.coupon.CouponSource;
import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderLine;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.payment.Payment;
import dev.orderengine.domain.product.Product;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.ErrorCode;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.shared.Page;
import dev.orderengine.domain.shared.PageRequest;
import dev.orderengine.domain.shared.RejectedException;
import dev.orderengine.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Orders with their lines, payment attempts and the outbox of order events. */
abstract class OrderStorageContractTest extends StorageContract {

    @Test
    void stores_an_allocated_order_and_restores_it_with_its_lines_in_order() {
        User customer = fixtures().user();
        Product second = fixtures().product(2_500, 10);
        Product first = fixtures().product(1_000, 10);
        Map<ProductId, Integer> quantities = new LinkedHashMap<>();
        quantities.put(second.id(), 3);
        quantities.put(first.id(), 1);
        Order order = fixtures().allocatedOrder(customer, NOW, quantities);

        Order restored = readOnly(() -> adapter().orders().findById(order.id())).orElseThrow();

        assertThat(restored.status()).isEqualTo(OrderStatus.STOCK_ALLOCATED);
        assertThat(restored.userId()).isEqualTo(customer.id());
        assertThat(restored.lines()).containsExactly(
                new OrderLine(second.id(), 3, Money.of(2_500)), new OrderLine(first.id(), 1, Money.of(1_000)));
        assertThat(restored.originalAmount()).isEqualTo(Money.of(8_500));
        assertThat(restored.totalAmount()).isEqualTo(Money.of(8_500));
        assertThat(restored.couponId()).isEmpty();
        assertThat(restored.paymentId()).isEmpty();
        assertThat(restored.createdAt()).isEqualTo(NOW);
        assertThat(restored.completedAt()).isEmpty();
    }

    @Test
    void finds_no_order_for_an_unknown_id() {
        assertThat(readOnly(() -> adapter().orders().findById(new OrderId(Long.MAX_VALUE)))).isEmpty();
        assertThat(tx(() -> adapter().orders().lockById(new OrderId(Long.MAX_VALUE)))).isEmpty();
    }

    @Test
    void saves_the_completion_of_a_locked_order_with_coupon_payment_and_amounts() {
        User customer = fixtures().userWithBalance(10_000);
        Product product = fixtures().product(5_000, 10);
        CouponSource source = fixtures().couponSource(1_500, 10);
        Coupon coupon = fixtures().coupon(source, customer);
        Order order = fixtures().allocatedOrder(customer, NOW, product);
        Instant paidAt = NOW.plusSeconds(60);

        Payment payment = tx(() -> {
            Order locked = adapter().orders().lockById(order.id()).orElseThrow();
            Payment succeeded = Payment.succeeded(adapter().payments().nextId(), order.id(), customer.id(), Money.of(3_500), paidAt);
            adapter().payments().add(succeeded);
            locked.complete(succeeded, Optional.of(coupon.id()), Money.of(1_500), paidAt);
            adapter().orders().save(locked);
            return succeeded;
        });

        Order restored = readOnly(() -> adapter().orders().findById(order.id())).orElseThrow();
        assertThat(restored.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(restored.couponId()).contains(coupon.id());
        assertThat(restored.discountAmount()).isEqualTo(Money.of(1_500));
        assertThat(restored.totalAmount()).isEqualTo(Money.of(3_500));
        assertThat(restored.paymentId()).contains(payment.id());
        assertThat(restored.completedAt()).contains(paidAt);
        assertThat(restored.updatedAt()).isEqualTo(paidAt);
        assertThat(restored.lines()).hasSize(1);
    }

    @Test
    void stores_refunds_with_their_lines_and_the_units_refunded_per_line_one_refund_after_the_other() throws Exception {
        User customer = fixtures().userWithBalance(10_000);
        Product pen = fixtures().product(1_000, 10);
        Product ink = fixtures().product(500, 10);
        Map<ProductId, Integer> quantities = new LinkedHashMap<>();
        quantities.put(pen.id(), 2);
        quantities.put(ink.id(), 1);
        Order order = completed(customer, fixtures().allocatedOrder(customer, NOW, quantities));

        Refund first = refund(order.id(), Optional.of(List.of(new RefundLine(pen.id(), 1))), Optional.of("scratched"), true);
        Order afterFirst = readOnly(() -> adapter().orders().findById(order.id())).orElseThrow();
        Refund rest = refund(order.id(), Optional.empty(), Optional.empty(), false);

        Order restored = readOnly(() -> adapter().orders().findById(order.id())).orElseThrow();
        assertThat(afterFirst.status()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
        assertThat(afterFirst.refunds()).containsExactly(first);
        assertThat(restored.status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(restored.refunds()).containsExactly(first, rest);
        assertThat(rest.items()).containsExactly(new RefundLine(pen.id(), 1), new RefundLine(ink.id(), 1));
        assertThat(rest.reason()).isEmpty();
        assertThat(first.amount()).isEqualTo(Money.of(1_000));
        assertThat(restored.refundedAmount()).isEqualTo(Money.of(2_500));
        assertThat(restored.lines()).extracting(OrderLine::refundedQuantity).containsExactly(2, 1);
        assertThat(db().queryLong("SELECT COUNT(*) FROM order_refund_lines l JOIN order_refunds r ON r.id = l.refund_id "
                + "WHERE r.order_id = ?", order.id().value())).isEqualTo(3);
    }

    @Test
    void lists_refunded_orders_with_their_refunds_and_orders_never_refunded_without() {
        User customer = fixtures().userWithBalance(10_000);
        Product pen = fixtures().product(1_000, 10);
        Order refunded = completed(customer, pen);
        Order partly = completed(customer, pen);
        Order kept = completed(customer, pen);
        Refund whole = refund(refunded.id(), Optional.empty(), Optional.empty(), true);
        Refund one = refund(partly.id(), Optional.of(List.of(new RefundLine(pen.id(), 1))), Optional.of("late"), true);

        List<Order> listed = readOnly(() -> adapter().orders().findByUser(customer.id(), new PageRequest(0, 10)).items());

        assertThat(listed).extracting(Order::id).containsExactlyInAnyOrder(refunded.id(), partly.id(), kept.id());
        Map<OrderId, List<Refund>> refunds = listed.stream().collect(Collectors.toMap(Order::id, Order::refunds));
        assertThat(refunds.get(refunded.id())).containsExactly(whole);
        assertThat(refunds.get(partly.id())).containsExactly(one);
        assertThat(refunds.get(kept.id())).isEmpty();
    }

    @Test
    void refund_ids_are_unique_and_increase() {
        List<RefundId> ids = tx(() -> List.of(adapter().orders().nextRefundId(), adapter().orders().nextRefundId(),
                adapter().orders().nextRefundId()));

        assertThat(ids).extracting(RefundId::value).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void refuses_refunded_units_beyond_a_line_in_the_database_too() throws Exception {
        User customer = fixtures().userWithBalance(10_000);
        Order order = completed(customer, fixtures().product(1_000, 10));

        assertThatThrownBy(() -> db().update("UPDATE order_products SET refunded_quantity = 2 WHERE order_id = ?", order.id().value()))
                .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("REFUNDED_CK".toLowerCase());
        assertThat(readOnly(() -> adapter().orders().findById(order.id())).orElseThrow().lines())
                .extracting(OrderLine::refundedQuantity).containsExactly(0);
    }

    /** A completed order of one unit of each product, paid from the customer's balance. */
    private Order completed(User customer, Product... products) {
        return completed(customer, fixtures().allocatedOrder(customer, NOW, products));
    }

    /** {@code order} completed, paid in full. */
    private Order completed(User customer, Order order) {
        return tx(() -> {
            Order locked = adapter().orders().lockById(order.id()).orElseThrow();
            Payment payment = Payment.succeeded(adapter().payments().nextId(), order.id(), customer.id(), locked.originalAmount(), NOW);
            adapter().payments().add(payment);
            locked.complete(payment, Optional.empty(), Money.ZERO, NOW);
            adapter().orders().save(locked);
            return locked;
        });
    }

    /** Refunds {@code items} of a paid order in a transaction of its own, as the refund use case locks and saves it. */
    private Refund refund(OrderId id, Optional<List<RefundLine>> items, Optional<String> reason, boolean restock) {
        return tx(() -> {
            Order locked = adapter().orders().lockById(id).orElseThrow();
            Refund refund = locked.refund(adapter().orders().nextRefundId(), items, reason, restock, NOW.plusSeconds(60));
            adapter().orders().save(locked);
            return refund;
        });
    }

    @Test
    void lists_a_users_orders_newest_first_with_their_lines() {
        User customer = fixtures().user();
        User someoneElse = fixtures().user();
        List<Product> products = fixtures().products(3, 10);
        Order older = fixtures().allocatedOrder(customer, NOW, products.get(0), products.get(1));
        Order newer = fixtures().allocatedOrder(customer, NOW.plusSeconds(1), products.get(2));
        fixtures().allocatedOrder(someoneElse, NOW, products.get(0));

        List<Order> found = readOnly(() -> adapter().orders().findByUser(customer.id(), new PageRequest(0, 100)).items());

        assertThat(found).extracting(Order::id).containsExactly(newer.id(), older.id());
        assertThat(found.get(1).lines()).hasSize(2);
        assertThat(found.get(0).lines()).hasSize(1);
    }

    @Test
    void pages_a_users_orders_newest_first_with_the_total_and_the_lines_of_each() {
        User customer = fixtures().user();
        Product product = fixtures().product(1_000, 100);
        List<Order> placed = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(fixtures().allocatedOrder(customer, NOW.plusSeconds(i), product));
        }

        Page<Order> first = readOnly(() -> adapter().orders().findByUser(customer.id(), new PageRequest(0, 2)));
        Page<Order> last = readOnly(() -> adapter().orders().findByUser(customer.id(), new PageRequest(2, 2)));
        Page<Order> beyond = readOnly(() -> adapter().orders().findByUser(customer.id(), new PageRequest(3, 2)));

        assertThat(first.items()).extracting(Order::id).containsExactly(placed.get(4).id(), placed.get(3).id());
        assertThat(first.items()).allSatisfy(order -> assertThat(order.lines()).hasSize(1));
        assertThat(first.total()).isEqualTo(5);
        assertThat(last.items()).extracting(Order::id).containsExactly(placed.get(0).id());
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void finds_allocated_orders_created_at_or_before_a_cutoff_in_id_order_page_after_page() {
        User customer = fixtures().user();
        Product product = fixtures().product(1_000, 100);
        Instant base = Instant.parse("2001-01-01T00:00:00Z");
        Order oldest = fixtures().allocatedOrder(customer, base, product);
        Order atCutoff = fixtures().allocatedOrder(customer, base.plusSeconds(60), product);
        fixtures().allocatedOrder(customer, base.plusSeconds(61), product);
        Order cancelled = fixtures().allocatedOrder(customer, base.plusSeconds(30), product);
        tx(() -> {
            Order locked = adapter().orders().lockById(cancelled.id()).orElseThrow();
            locked.cancel(base.plusSeconds(31));
            adapter().orders().save(locked);
        });

        List<OrderId> due = readOnly(() -> adapter().orders().findAllocatedCreatedBefore(base.plusSeconds(60), Optional.empty(), 10));
        List<OrderId> firstOnly = readOnly(() -> adapter().orders().findAllocatedCreatedBefore(base.plusSeconds(60), Optional.empty(), 1));
        List<OrderId> next = readOnly(() -> adapter().orders().findAllocatedCreatedBefore(base.plusSeconds(60), Optional.of(firstOnly.getFirst()), 10));

        assertThat(due).containsExactly(oldest.id(), atCutoff.id());
        assertThat(firstOnly).containsExactly(oldest.id());
        assertThat(next).containsExactly(atCutoff.id());
    }

    @Test
    void lock_by_id_makes_a_second_transaction_wait_until_the_first_commits() throws Exception {
        Order order = fixtures().allocatedOrder(fixtures().user(), NOW, fixtures().product(1_000, 10));

        assertSecondLockWaitsForFirstCommit(() -> adapter().orders().lockById(order.id()).orElseThrow());
    }

    @Test
    void a_lock_that_waited_returns_the_order_as_the_other_transaction_committed_it() throws Exception {
        Order order = fixtures().allocatedOrder(fixtures().user(), NOW, fixtures().product(1_000, 10));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch readUnlocked = new CountDownLatch(1);
        Future<Object> canceller = inThread(() -> tx(() -> {
            Order mine = adapter().orders().lockById(order.id()).orElseThrow();
            locked.countDown();
            await(readUnlocked);
            mine.cancel(NOW.plusSeconds(1));
            adapter().orders().save(mine);
            return null;
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        Future<List<OrderStatus>> payer = inThread(() -> tx(() -> {
            OrderStatus before = adapter().orders().findByUser(order.userId(), new PageRequest(0, 100)).items().getFirst().status();
            readUnlocked.countDown();
            return List.of(before, adapter().orders().lockById(order.id()).orElseThrow().status());
        }));

        canceller.get(10, TimeUnit.SECONDS);
        assertThat(payer.get(10, TimeUnit.SECONDS))
                .as("status read before the lock, status read under the lock")
                .containsExactly(OrderStatus.STOCK_ALLOCATED, OrderStatus.CANCELLED);
    }

    @Test
    void records_failed_and_successful_payment_attempts_oldest_first() {
        User customer = fixtures().user();
        Order order = fixtures().allocatedOrder(customer, NOW, fixtures().product(1_000, 10));
        Payment failed = Payment.failed(tx(() -> adapter().payments().nextId()), order.id(), customer.id(), Money.of(1_000),
                ErrorCode.INSUFFICIENT_BALANCE, NOW);
        Payment succeeded = Payment.succeeded(tx(() -> adapter().payments().nextId()), order.id(), customer.id(), Money.of(1_000),
                NOW.plusSeconds(5));
        tx(() -> adapter().payments().add(failed));
        tx(() -> adapter().payments().add(succeeded));

        assertThat(readOnly(() -> adapter().payments().findByOrder(order.id()))).containsExactly(failed, succeeded);
    }

    @Test
    void reads_the_payment_attempts_of_several_orders_at_once_grouped_by_order() {
        User customer = fixtures().user();
        Order paidTwice = fixtures().allocatedOrder(customer, NOW, fixtures().product(1_000, 10));
        Order unpaid = fixtures().allocatedOrder(customer, NOW, fixtures().product(1_000, 10));
        Order paidOnce = fixtures().allocatedOrder(customer, NOW, fixtures().product(1_000, 10));
        Payment first = Payment.failed(tx(() -> adapter().payments().nextId()), paidTwice.id(), customer.id(), Money.of(1_000),
                ErrorCode.INSUFFICIENT_BALANCE, NOW);
        Payment second = Payment.succeeded(tx(() -> adapter().payments().nextId()), paidTwice.id(), customer.id(), Money.of(1_000),
                NOW.plusSeconds(5));
        Payment other = Payment.succeeded(tx(() -> adapter().payments().nextId()), paidOnce.id(), customer.id(), Money.of(1_000), NOW);
        tx(() -> adapter().payments().add(first));
        tx(() -> adapter().payments().add(second));
        tx(() -> adapter().payments().add(other));

        var found = readOnly(() -> adapter().payments().findByOrders(List.of(paidTwice.id(), unpaid.id(), paidOnce.id())));

        assertThat(found).containsOnlyKeys(paidTwice.id(), paidOnce.id());
        assertThat(found.get(paidTwice.id())).containsExactly(first, second);
        assertThat(found.get(paidOnce.id())).containsExactly(other);
        assertThat(readOnly(() -> adapter().payments().findByOrders(List.of()))).isEmpty();
    }

    @Test
    void refuses_a_second_successful_payment_for_one_order() {
        User customer = fixtures().user();
        Order order = fixtures().allocatedOrder(customer, NOW, fixtures().product(1_000, 10));
        tx(() -> adapter().payments().add(
                Payment.succeeded(adapter().payments().nextId(), order.id(), customer.id(), Money.of(1_000), NOW)));

        assertThatThrownBy(() -> tx(() -> adapter().payments().add(
                Payment.succeeded(adapter().payments().nextId(), order.id(), customer.id(), Money.of(1_000), NOW))))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ORDER_NOT_PAYABLE));
        assertThat(readOnly(() -> adapter().payments().findByOrder(order.id()))).hasSize(1);
    }

    @Test
    void appends_order_events_with_the_whole_contract_body() throws Exception {
        User customer = fixtures().userWithBalance(10_000);
        Order order = fixtures().allocatedOrder(customer, NOW, fixtures().product(1_000, 10), fixtures().product(2_000, 10));
        Instant paidAt = NOW.plus(Duration.ofMinutes(1));

        long eventId = tx(() -> {
            Order locked = adapter().orders().lockById(order.id()).orElseThrow();
            Payment payment = Payment.succeeded(adapter().payments().nextId(), order.id(), customer.id(), Money.of(3_000), paidAt);
            adapter().payments().add(payment);
            locked.complete(payment, Optional.empty(), Money.ZERO, paidAt);
            adapter().orders().save(locked);
            return adapter().orderEvents().append(OrderEvent.completed(locked, paidAt));
        });

        Order completed = readOnly(() -> adapter().orders().findById(order.id())).orElseThrow();
        String stored = (String) db().queryValue("SELECT snapshot FROM order_events WHERE id = ?", eventId).orElseThrow();
        assertThat(stored).isEqualTo(OrderEventJson.write(eventId, OrderEvent.completed(completed, paidAt)));
        assertThat(OrderEventJson.read(stored)).isEqualTo(OrderEvent.completed(completed, paidAt));
        assertThat(db().queryValue("SELECT type FROM order_events WHERE id = ?", eventId)).contains("ORDER_COMPLETED");
        assertThat(db().queryLong("SELECT order_id FROM order_events WHERE id = ?", eventId)).isEqualTo(order.id().value());
    }

    @Test
    void event_ids_increase_in_the_order_they_are_appended() {
        assertThat(appendThreeEvents()).isSorted().doesNotHaveDuplicates();
    }

    /** Three events of one new order appended in one transaction; their ids. */
    List<Long> appendThreeEvents() {
        User customer = fixtures().user();
        Order order = fixtures().allocatedOrder(customer, NOW, fixtures().product(1_000, 10));
        OrderEvent event = new OrderEvent(OrderEventType.ORDER_COMPLETED, order.snapshot(), NOW);
        return tx(() -> List.of(adapter().orderEvents().append(event), adapter().orderEvents().append(event),
                adapter().orderEvents().append(event)));
    }
}
