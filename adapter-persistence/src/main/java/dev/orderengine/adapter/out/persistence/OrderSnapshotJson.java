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
import dev.orderengine.domain.order.OrderSnapshot;
import dev.orderengine.domain.order.OrderStatus;
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
 * The JSON of an {@link OrderSnapshot} exactly as the data-platform contract's {@code order} object:
 * {@code {"orderId":7,"userId":3,"status":"COMPLETED","couponId":12,"originalAmount":30000.00,
 * "discountAmount":3000.00,"totalAmount":27000.00,"paymentId":9,"completedAt":"2026-11-24T10:15:30.120Z",
 * "items":[{"productId":5,"quantity":2,"unitPrice":15000.00,"totalPrice":30000.00}]}}.
 * Amounts are numbers with two decimals, instants ISO-8601 UTC with milliseconds, absent values {@code null}.
 * The outbox stores this text; the relay sends it. Thread-safe.
 */
public final class OrderSnapshotJson {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private OrderSnapshotJson() {
    }

    public static String write(OrderSnapshot snapshot) {
        StringWriter text = new StringWriter(256 + 96 * snapshot.items().size());
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            write(snapshot, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the snapshot of order " + snapshot.orderId(), e);
        }
        return text.toString();
    }

    /** Writes the snapshot as one object into {@code json}, e.g. as a field of a larger document. */
    public static void write(OrderSnapshot snapshot, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("orderId", snapshot.orderId().value());
        json.writeNumberField("userId", snapshot.userId().value());
        json.writeStringField("status", snapshot.status().name());
        writeOptionalId(json, "couponId", snapshot.couponId().map(CouponId::value));
        json.writeNumberField("originalAmount", snapshot.originalAmount().amount());
        json.writeNumberField("discountAmount", snapshot.discountAmount().amount());
        json.writeNumberField("totalAmount", snapshot.totalAmount().amount());
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
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    public static OrderSnapshot read(String text) {
        try {
            return read(READER.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an order snapshot: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a snapshot from a parsed {@code order} object. */
    public static OrderSnapshot read(JsonNode order) {
        List<OrderSnapshot.Item> items = new ArrayList<>();
        for (JsonNode item : required(order, "items")) {
            items.add(new OrderSnapshot.Item(new ProductId(required(item, "productId").longValue()),
                    required(item, "quantity").intValue(), money(item, "unitPrice"), money(item, "totalPrice")));
        }
        return new OrderSnapshot(new OrderId(required(order, "orderId").longValue()),
                new UserId(required(order, "userId").longValue()),
                OrderStatus.valueOf(required(order, "status").textValue()),
                optional(order, "couponId").map(node -> new CouponId(node.longValue())),
                money(order, "originalAmount"), money(order, "discountAmount"), money(order, "totalAmount"),
                optional(order, "paymentId").map(node -> new PaymentId(node.longValue())),
                optional(order, "completedAt").map(node -> Instant.parse(node.textValue())),
                items);
    }

    /** An instant as the contract writes it: ISO-8601 UTC with exactly three fraction digits. */
    public static String formatInstant(Instant instant) {
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
            throw new IllegalArgumentException("order snapshot without " + field);
        }
        return value;
    }

    private static Optional<JsonNode> optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }
}
