package dev.orderengine.adapter.out.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.orderengine.domain.coupon.CouponId;
import dev.orderengine.domain.order.OrderEvent;
import dev.orderengine.domain.order.OrderEventType;
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
import dev.orderengine.domain.order.Refund;
import dev.orderengine.domain.order.RefundId;
import dev.orderengine.domain.order.RefundLine;
import dev.orderengine.domain.payment.PaymentId;
import dev.orderengine.domain.product.ProductId;
import dev.orderengine.domain.shared.Money;
import dev.orderengine.domain.shared.OrderId;
import dev.orderengine.domain.user.UserId;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one writer (and reader) of an order event's JSON: the body of the data-platform contract (SPEC §3), which the
 * outbox stores at append time and every transport sends as it is:
 * {@code {"eventId":41,"type":"ORDER_COMPLETED","occurredAt":"2026-11-24T10:15:30.123Z","order":{"orderId":7,
 * "userId":3,"status":"COMPLETED","couponId":12,"originalAmount":30000.00,"discountAmount":3000.00,
 * "totalAmount":27000.00,"refundedAmount":0.00,"paymentId":9,"completedAt":"2026-11-24T10:15:30.120Z",
 * "items":[{"productId":5,"quantity":2,"unitPrice":15000.00,"totalPrice":30000.00,"refundedQuantity":0}]}}}; an
 * {@code ORDER_REFUNDED} event adds {@code "refund":{"refundId","amount","items":[{"productId","quantity"}],"reason",
 * "restock","refundedAt"}} after the order.
 * Amounts are numbers with two decimals, instants ISO-8601 UTC with milliseconds, absent values {@code null}.
 * Thread-safe.
 */
final class OrderEventJson {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private OrderEventJson() {
    }

    /** The body of event {@code eventId}. */
    static String write(long eventId, OrderEvent event) {
        StringWriter text = new StringWriter(400 + 120 * event.snapshot().items().size());
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("eventId", eventId);
            json.writeStringField("type", event.type().name());
            json.writeStringField("occurredAt", formatInstant(event.occurredAt()));
            json.writeFieldName("order");
            writeOrder(event.snapshot(), json);
            if (event.refund().isPresent()) {
                json.writeFieldName("refund");
                writeRefund(event.refund().get(), json);
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event " + eventId + " of order " + event.orderId(), e);
        }
        return text.toString();
    }

    /** The event a body describes. */
    static OrderEvent read(String body) {
        JsonNode event = parse(body);
        return new OrderEvent(OrderEventType.valueOf(required(event, "type").textValue()), readOrder(required(event, "order")),
                Instant.parse(required(event, "occurredAt").textValue()), optional(event, "refund").map(OrderEventJson::readRefund));
    }

    /** A JSON object, parsed with decimals kept exact. */
    static JsonNode parse(String json) {
        JsonNode node;
        try {
            node = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an order event: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not an order event: " + json);
        }
        return node;
    }

    /** The {@code order} object of a body. */
    static void writeOrder(OrderSnapshot snapshot, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("orderId", snapshot.orderId().value());
        json.writeNumberField("userId", snapshot.userId().value());
        json.writeStringField("status", snapshot.status().name());
        writeOptionalId(json, "couponId", snapshot.couponId().map(CouponId::value));
        json.writeNumberField("originalAmount", snapshot.originalAmount().amount());
        json.writeNumberField("discountAmount", snapshot.discountAmount().amount());
        json.writeNumberField("totalAmount", snapshot.totalAmount().amount());
        json.writeNumberField("refundedAmount", snapshot.refundedAmount().amount());
        writeOptionalId(json, "paymentId", snapshot.paymentId().map(PaymentId::value));
        json.writeFieldName("completedAt");
        if (snapshot.completedAt().isPresent()) {
            json.writeString(formatInstant(snapshot.completedAt().get()));
        } else {
            json.writeNull();
        }
        json.writeArrayFieldStart("items");
        for (OrderSnapshot.Item item : snapshot.items()) {
            json.writeStartObject();
            json.writeNumberField("productId", item.productId().value());
            json.writeNumberField("quantity", item.quantity());
            json.writeNumberField("unitPrice", item.unitPrice().amount());
            json.writeNumberField("totalPrice", item.totalPrice().amount());
            json.writeNumberField("refundedQuantity", item.refundedQuantity());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRefund(Refund refund, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("refundId", refund.id().value());
        json.writeNumberField("amount", refund.amount().amount());
        json.writeArrayFieldStart("items");
        for (RefundLine line : refund.items()) {
            json.writeStartObject();
            json.writeNumberField("productId", line.productId().value());
            json.writeNumberField("quantity", line.quantity());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("reason");
        if (refund.reason().isPresent()) {
            json.writeString(refund.reason().get());
        } else {
            json.writeNull();
        }
        json.writeBooleanField("restock", refund.restock());
        json.writeStringField("refundedAt", formatInstant(refund.createdAt()));
        json.writeEndObject();
    }

    private static Refund readRefund(JsonNode refund) {
        List<RefundLine> lines = new ArrayList<>();
        for (JsonNode line : required(refund, "items")) {
            lines.add(new RefundLine(new ProductId(required(line, "productId").longValue()), required(line, "quantity").intValue()));
        }
        return new Refund(new RefundId(required(refund, "refundId").longValue()), money(refund, "amount"), lines,
                optional(refund, "reason").map(JsonNode::textValue), required(refund, "restock").booleanValue(),
                Instant.parse(required(refund, "refundedAt").textValue()));
    }

    /**
     * Reads a snapshot from a parsed {@code order} object; one written before refunds existed (no {@code refundedAmount},
     * no {@code refundedQuantity}) had nothing refunded.
     */
    static OrderSnapshot readOrder(JsonNode order) {
        List<OrderSnapshot.Item> items = new ArrayList<>();
        for (JsonNode item : required(order, "items")) {
            items.add(new OrderSnapshot.Item(new ProductId(required(item, "productId").longValue()),
                    required(item, "quantity").intValue(), money(item, "unitPrice"), money(item, "totalPrice"),
                    optional(item, "refundedQuantity").map(JsonNode::intValue).orElse(0)));
        }
        return new OrderSnapshot(new OrderId(required(order, "orderId").longValue()),
                new UserId(required(order, "userId").longValue()),
                OrderStatus.valueOf(required(order, "status").textValue()),
                optional(order, "couponId").map(node -> new CouponId(node.longValue())),
                money(order, "originalAmount"), money(order, "discountAmount"), money(order, "totalAmount"),
                optional(order, "paymentId").map(node -> new PaymentId(node.longValue())),
                optional(order, "completedAt").map(node -> Instant.parse(node.textValue())),
                items, optional(order, "refundedAmount").map(node -> new Money(node.decimalValue())).orElse(Money.ZERO));
    }

    /** An instant as the contract writes it: ISO-8601 UTC with exactly three fraction digits. */
    static String formatInstant(Instant instant) {
        return INSTANT.format(instant);
    }

    private static void writeOptionalId(JsonGenerator json, String field, Optional<Long> id) throws IOException {
        if (id.isPresent()) {
            json.writeNumberField(field, id.get());
        } else {
            json.writeNullField(field);
        }
    }

    private static Money money(JsonNode node, String field) {
        return new Money(required(node, field).decimalValue());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("order event without " + field);
        }
        return value;
    }

    private static Optional<JsonNode> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }
}
