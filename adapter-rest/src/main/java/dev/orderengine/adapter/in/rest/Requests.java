package dev.orderengine.adapter.in.rest;

import dev.orderengine.domain.order.Order;
import dev.orderengine.domain.order.OrderItem;
import dev.orderengine.domain.shared.InvalidInputException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The request bodies, one record each. They check what the edge must (presence, positive ids, the shape of
 * an order's items) and name the field as the client wrote it; ranges of values stay with the domain.
 */
final class Requests {

    private Requests() {
    }

    record CreateUser(String name) {
    }

    record ChargeBalance(BigDecimal amount) {
    }

    record CreateProduct(String name, String description, BigDecimal price, Integer stock) {

        CreateProduct {
            required(stock, "stock");
        }
    }

    record SetStock(Integer quantity) {

        SetStock {
            required(quantity, "quantity");
        }
    }

    record CreateCouponSource(String name, BigDecimal discountAmount, Integer totalQuantity, Integer validDays) {

        CreateCouponSource {
            required(totalQuantity, "totalQuantity");
            required(validDays, "validDays");
        }
    }

    record IssueCoupon(Long userId) {

        IssueCoupon {
            id(userId, "userId");
        }
    }

    record PlaceOrder(Long userId, List<Item> items, Long couponId) {

        PlaceOrder {
            id(userId, "userId");
            required(items, "items");
            lines(items);
            optionalId(couponId, "couponId");
        }
    }

    /** A refund of the {@code items} given, or with none of every unit left; {@code restock} true unless false. */
    record RefundOrder(List<Item> items, String reason, Boolean restock) {

        RefundOrder {
            if (items != null) {
                lines(items);
            }
        }

        boolean restocks() {
            return restock == null || restock;
        }
    }

    record Item(Long productId, Integer quantity) {

        Item {
            id(productId, "productId");
            required(quantity, "quantity");
            InvalidInputException.require(quantity >= 1 && quantity <= OrderItem.MAX_QUANTITY, "quantity",
                    "must be between 1 and " + OrderItem.MAX_QUANTITY);
        }
    }

    record PayOrder(Long userId, Long couponId) {

        PayOrder {
            id(userId, "userId");
            optionalId(couponId, "couponId");
        }
    }

    record CancelOrder(Long userId) {

        CancelOrder {
            id(userId, "userId");
        }
    }

    record Replay(Long fromEventId) {

        Replay {
            id(fromEventId, "fromEventId");
        }
    }

    /** 1 to {@value Order#MAX_LINES} lines of distinct products. */
    private static void lines(List<Item> items) {
        InvalidInputException.require(!items.isEmpty(), "items", "must contain at least one line");
        InvalidInputException.require(items.size() <= Order.MAX_LINES, "items", "must contain at most " + Order.MAX_LINES + " lines");
        Set<Long> products = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            required(item, "items[" + i + "]");
            InvalidInputException.require(products.add(item.productId()), "items[" + i + "].productId",
                    "product " + item.productId() + " appears more than once");
        }
    }

    private static void required(Object value, String field) {
        InvalidInputException.require(value != null, field, "is required");
    }

    private static void id(Long value, String field) {
        required(value, field);
        optionalId(value, field);
    }

    private static void optionalId(Long value, String field) {
        InvalidInputException.require(value == null || value > 0, field, "must be a positive integer");
    }
}
