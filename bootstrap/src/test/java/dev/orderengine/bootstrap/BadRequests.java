package dev.orderengine.bootstrap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.Tuple;

/**
 * Generators of requests that every route of SPEC §4 must refuse, over the seeded {@link World}. Each family
 * starts from a request that would succeed (or from a route and method that exist) and breaks exactly one thing,
 * so the request is invalid by construction and the expected codes follow from the defect alone. If the server
 * missed a defect, the request would go through: a 2xx, or a changed database.
 */
final class BadRequests {

    static final String VALIDATION = "VALIDATION_FAILED";
    private static final String FRESH_KEY = "fuzz-";

    /**
     * The seeded data the requests refer to. {@code alicePartlyRefundedOrder} holds coffee (of which
     * {@code aliceCoffeeLeft} units are left to refund, one refunded as {@code aliceRefund} under {@code aliceRefundKey})
     * and two biscuits; {@code bobRefundedOrder}, one biscuit, was wholly refunded as {@code bobRefund} under
     * {@code bobRefundKey}.
     */
    record World(String adminToken, long alice, long bob, long carolInactive, long dave, long erin,
                 long coffee, long tea, int teaStock, long discontinued, long couponSource, long soldOutSource,
                 long bobCompletedOrder, long erinAllocatedOrder, long aliceCancelledOrder, long lastEventId,
                 String bobChargeKey, long bobChargeAmount, String bobOrderKey,
                 long biscuits, long alicePartlyRefundedOrder, int aliceCoffeeLeft, long aliceRefund, String aliceRefundKey,
                 long bobRefundedOrder, long bobRefund, String bobRefundKey) {
    }

    /**
     * A field of a request body: its valid value (null: left out), and values that break it with the reason why.
     * {@code paths} names the field a refusal of such a value must name where it is not the field itself
     * ({@code items[0].quantity}).
     */
    private record Field(String name, String valid, boolean required, Map<String, String> invalid, Map<String, String> paths) {

        Field(String name, String valid, boolean required, Map<String, String> invalid) {
            this(name, valid, required, invalid, Map.of());
        }

        String pathOf(String value) {
            return paths.getOrDefault(value, name);
        }
    }

    /** A route with a body, and a body that would succeed on it. */
    private record BodyRoute(String method, String path, boolean admin, List<Field> fields) {

        String body(Function<Field, String> valueOf) {
            return fields.stream().filter(field -> valueOf.apply(field) != null)
                    .map(field -> "\"" + field.name() + "\":" + valueOf.apply(field))
                    .collect(Collectors.joining(",", "{", "}"));
        }

        String validBody() {
            return body(Field::valid);
        }
    }

    private final World world;
    private final List<BodyRoute> bodyRoutes;

    BadRequests(World world) {
        this.world = world;
        this.bodyRoutes = bodyRoutes();
    }

    /**
     * {@code count} requests, the same ones for the same seed. jqwik's generators need its context, which
     * {@link Arbitrary#sample()} provides outside a property; the seeded {@link Random} makes the list repeatable.
     */
    List<BadRequest> sample(long seed, int count) {
        List<BadRequest> requests = Arbitraries.create(() -> all().generator(1000, true).stream(new Random(seed))
                .limit(count).map(Shrinkable::value).toList()).sample();
        return IntStream.range(0, requests.size()).mapToObj(i -> unique(requests.get(i), i)).toList();
    }

    /** A fresh key made unique per request, so that no two requests race for it (that is the IN_USE test's job). */
    private static BadRequest unique(BadRequest request, int index) {
        String key = request.headers().get("Idempotency-Key");
        return key != null && key.startsWith(FRESH_KEY) ? request.withHeader("Idempotency-Key", key + "-" + index) : request;
    }

    Arbitrary<BadRequest> all() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, wrongMethod(routes())),
                Tuple.of(3, wrongMethod(operationsRoutes())),
                Tuple.of(10, badPathId()),
                Tuple.of(8, unknownIds()),
                Tuple.of(12, malformedJson()),
                Tuple.of(20, badField()),
                Tuple.of(6, missingOrExtraField()),
                Tuple.of(6, wrongContentType()),
                Tuple.of(3, oversizedBody()),
                Tuple.of(6, badQuery()),
                Tuple.of(6, badAdminToken()),
                Tuple.of(6, badIdempotencyKey()),
                Tuple.of(12, businessRefusal()),
                Tuple.of(4, withFreshKey(refundRefusal())),
                Tuple.of(3, unknownPath()));
    }

    // --- routing -------------------------------------------------------------------------------------------

    /** The 28 routes of SPEC §4 as {path with real ids, methods it answers}, and the /docs page's assets. */
    private List<Map.Entry<String, Set<String>>> routes() {
        String v1 = "/api/v1";
        return List.of(
                Map.entry(v1 + "/users", Set.of("POST")),
                Map.entry(v1 + "/users/" + world.alice(), Set.of("GET")),
                Map.entry(v1 + "/users/" + world.alice() + "/balance", Set.of("GET")),
                Map.entry(v1 + "/users/" + world.alice() + "/balance/charges", Set.of("POST")),
                Map.entry(v1 + "/users/" + world.alice() + "/balance/history", Set.of("GET")),
                Map.entry(v1 + "/products", Set.of("GET", "POST")),
                Map.entry(v1 + "/products/" + world.coffee(), Set.of("GET")),
                Map.entry(v1 + "/products/" + world.coffee() + "/stock", Set.of("PUT")),
                Map.entry(v1 + "/products/popular", Set.of("GET")),
                Map.entry(v1 + "/coupon-sources", Set.of("POST")),
                Map.entry(v1 + "/coupon-sources/" + world.couponSource() + "/issues", Set.of("POST")),
                Map.entry(v1 + "/users/" + world.alice() + "/coupons", Set.of("GET")),
                Map.entry(v1 + "/orders", Set.of("POST")),
                Map.entry(v1 + "/orders/" + world.erinAllocatedOrder() + "/payments", Set.of("POST")),
                Map.entry(v1 + "/orders/" + world.erinAllocatedOrder() + "/cancel", Set.of("POST")),
                Map.entry(v1 + "/orders/" + world.alicePartlyRefundedOrder() + "/refunds", Set.of("POST")),
                Map.entry(v1 + "/orders/" + world.alicePartlyRefundedOrder() + "/refunds/" + world.aliceRefund(), Set.of("GET")),
                Map.entry(v1 + "/orders/" + world.bobCompletedOrder(), Set.of("GET")),
                Map.entry(v1 + "/users/" + world.bob() + "/orders", Set.of("GET")),
                Map.entry(v1 + "/admin/relays", Set.of("GET")),
                Map.entry(v1 + "/admin/relays/dataplatform/replay", Set.of("POST")),
                Map.entry("/health", Set.of("GET")),
                Map.entry("/health/live", Set.of("GET")),
                Map.entry("/health/ready", Set.of("GET")),
                Map.entry("/docs", Set.of("GET")),
                Map.entry("/docs/initializer.js", Set.of("GET")),
                Map.entry("/metrics", Set.of("GET")),
                Map.entry("/openapi.json", Set.of("GET")));
    }

    /**
     * The routes outside {@code /api/v1}: they take no input, so a method they do not answer is all a request can get
     * wrong. Drawn again on their own, so that each gets its share beside the many routes of the API.
     */
    private List<Map.Entry<String, Set<String>>> operationsRoutes() {
        return routes().stream().filter(route -> !route.getKey().startsWith("/api/")).toList();
    }

    /** A method the route does not answer: refused by routing, whatever the headers and body. */
    private static Arbitrary<BadRequest> wrongMethod(List<Map.Entry<String, Set<String>>> routes) {
        return Arbitraries.of(routes).flatMap(route -> Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH")
                .filter(method -> !route.getValue().contains(method))
                .map(method -> method.equals("GET") || method.equals("DELETE")
                        ? new BadRequest(method + " is not a method of " + route.getKey(), method, route.getKey(), Map.of(), null, false,
                        Set.of("METHOD_NOT_ALLOWED"))
                        : BadRequest.json(method + " is not a method of " + route.getKey(), method, route.getKey(), "{}",
                        Set.of("METHOD_NOT_ALLOWED"))));
    }

    /** Paths that match no route at all. */
    private Arbitrary<BadRequest> unknownPath() {
        return Arbitraries.of("/api/v1", "/api/v1/", "/api/v2/users", "/api/v1/user", "/API/V1/USERS", "/api/v1/orders/1/refund",
                        "/api/v1/users/1/balance/charges/1", "/api/v1/products/popular/today", "/admin/relays", "/api/v1/admin",
                        "/healthz", "/api/v1/coupon-sources/1", "/api/v1/coupons", "/api/v1/refunds", "/api/v1/orders/1/refunds/1/items",
                        "/health/deep", "/docs/nothing.js", "/docs/swagger-ui-bundle.js.map")
                .map(path -> BadRequest.get(path + " is not a route of the API", path, Set.of("NOT_FOUND")));
    }

    // --- ids in the path ------------------------------------------------------------------------------------

    /** Path ids that are not positive integers (zero, negative, decimal, overflowing, not a number at all). */
    private static Arbitrary<String> badIdText() {
        return Arbitraries.oneOf(
                Arbitraries.of("0", "-1", "-0", "00", "1.5", "1e3", "0x10", "abc", "1a", "NaN", "9223372036854775808",
                        "99999999999999999999999", "-9223372036854775808", "%20", "1%200", "true", "null", "%E2%82%AC"),
                Arbitraries.longs().between(Long.MIN_VALUE, 0).map(String::valueOf),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20));
    }

    private Arbitrary<BadRequest> badPathId() {
        return badIdText().flatMap(raw -> {
            String id = raw.contains("%") ? raw : URLEncoder.encode(raw, StandardCharsets.UTF_8);
            String why = "'" + raw + "' is not a positive integer id";
            Set<String> codes = Set.of(VALIDATION);
            return Arbitraries.of(
                    BadRequest.get(why, "/api/v1/users/" + id, codes),
                    BadRequest.get(why, "/api/v1/users/" + id + "/balance", codes),
                    BadRequest.get(why, "/api/v1/users/" + id + "/balance/history", codes),
                    BadRequest.get(why, "/api/v1/users/" + id + "/coupons", codes),
                    BadRequest.get(why, "/api/v1/users/" + id + "/orders", codes),
                    BadRequest.get(why, "/api/v1/products/" + id, codes),
                    BadRequest.get(why, "/api/v1/orders/" + id, codes),
                    BadRequest.json(why, "POST", "/api/v1/users/" + id + "/balance/charges", "{\"amount\":100}", codes),
                    admin(BadRequest.json(why, "PUT", "/api/v1/products/" + id + "/stock", "{\"quantity\":5}", codes)),
                    BadRequest.json(why, "POST", "/api/v1/coupon-sources/" + id + "/issues", "{\"userId\":" + world.dave() + "}", codes),
                    BadRequest.json(why, "POST", "/api/v1/orders/" + id + "/payments", "{\"userId\":" + world.erin() + "}", codes),
                    BadRequest.json(why, "POST", "/api/v1/orders/" + id + "/cancel", "{\"userId\":" + world.erin() + "}", codes),
                    admin(BadRequest.json(why, "POST", "/api/v1/orders/" + id + "/refunds", "{}", codes)).naming("id"),
                    BadRequest.get(why, "/api/v1/orders/" + id + "/refunds/" + world.aliceRefund(), codes).naming("id"),
                    BadRequest.get(why, "/api/v1/orders/" + world.alicePartlyRefundedOrder() + "/refunds/" + id, codes).naming("refundId"));
        });
    }

    /** Well-formed ids that nothing has: far above any id the seed made. */
    private Arbitrary<BadRequest> unknownIds() {
        return Arbitraries.longs().between(1_000_000_000_000L, Long.MAX_VALUE).flatMap(id -> Arbitraries.of(
                BadRequest.get("user " + id + " does not exist", "/api/v1/users/" + id, Set.of("USER_NOT_FOUND")),
                BadRequest.get("user " + id + " does not exist", "/api/v1/users/" + id + "/balance", Set.of("USER_NOT_FOUND")),
                BadRequest.get("user " + id + " does not exist", "/api/v1/users/" + id + "/balance/history", Set.of("USER_NOT_FOUND")),
                BadRequest.get("user " + id + " does not exist", "/api/v1/users/" + id + "/coupons", Set.of("USER_NOT_FOUND")),
                BadRequest.get("user " + id + " does not exist", "/api/v1/users/" + id + "/orders", Set.of("USER_NOT_FOUND")),
                BadRequest.json("user " + id + " does not exist", "POST", "/api/v1/users/" + id + "/balance/charges",
                        "{\"amount\":100}", Set.of("USER_NOT_FOUND")),
                BadRequest.get("product " + id + " does not exist", "/api/v1/products/" + id, Set.of("PRODUCT_NOT_FOUND")),
                admin(BadRequest.json("product " + id + " does not exist", "PUT", "/api/v1/products/" + id + "/stock",
                        "{\"quantity\":5}", Set.of("PRODUCT_NOT_FOUND"))),
                BadRequest.get("order " + id + " does not exist", "/api/v1/orders/" + id, Set.of("ORDER_NOT_FOUND")),
                BadRequest.json("order " + id + " does not exist", "POST", "/api/v1/orders/" + id + "/payments",
                        "{\"userId\":" + world.alice() + "}", Set.of("ORDER_NOT_FOUND")),
                BadRequest.json("order " + id + " does not exist", "POST", "/api/v1/orders/" + id + "/cancel",
                        "{\"userId\":" + world.alice() + "}", Set.of("ORDER_NOT_FOUND")),
                BadRequest.json("coupon source " + id + " does not exist", "POST", "/api/v1/coupon-sources/" + id + "/issues",
                        "{\"userId\":" + world.dave() + "}", Set.of("COUPON_SOURCE_NOT_FOUND")),
                BadRequest.json("user " + id + " does not exist", "POST", "/api/v1/coupon-sources/" + world.couponSource() + "/issues",
                        "{\"userId\":" + id + "}", Set.of("USER_NOT_FOUND")),
                BadRequest.json("user " + id + " does not exist", "POST", "/api/v1/orders",
                        order(id, world.coffee(), 1), Set.of("USER_NOT_FOUND")),
                BadRequest.json("product " + id + " does not exist", "POST", "/api/v1/orders",
                        order(world.alice(), id, 1), Set.of("PRODUCT_NOT_FOUND")),
                BadRequest.json("user " + id + " does not own order " + world.erinAllocatedOrder(), "POST",
                        "/api/v1/orders/" + world.erinAllocatedOrder() + "/payments", "{\"userId\":" + id + "}",
                        Set.of("ORDER_NOT_OWNED", "USER_NOT_FOUND")),
                BadRequest.json("user " + id + " does not own order " + world.erinAllocatedOrder(), "POST",
                        "/api/v1/orders/" + world.erinAllocatedOrder() + "/cancel", "{\"userId\":" + id + "}",
                        Set.of("ORDER_NOT_OWNED", "USER_NOT_FOUND")),
                refund("order " + id + " does not exist", id, "{}", Set.of("ORDER_NOT_FOUND")),
                refund("order " + id + " does not exist", id, "{\"items\":[" + line(world.coffee(), 1) + "],\"restock\":false}",
                        Set.of("ORDER_NOT_FOUND")),
                refund("product " + id + " is not in the order (nor anywhere)", world.alicePartlyRefundedOrder(),
                        "{\"items\":[" + line(id, 1) + "]}", Set.of("REFUND_EXCEEDS_ORDER")),
                BadRequest.get("order " + id + " does not exist", "/api/v1/orders/" + id + "/refunds/" + world.aliceRefund(),
                        Set.of("ORDER_NOT_FOUND")),
                BadRequest.get("refund " + id + " does not exist", "/api/v1/orders/" + world.alicePartlyRefundedOrder() + "/refunds/" + id,
                        Set.of("NOT_FOUND")),
                BadRequest.get("refund " + id + " does not exist", "/api/v1/orders/" + world.bobCompletedOrder() + "/refunds/" + id,
                        Set.of("NOT_FOUND"))));
    }

    /** A refund of order {@code orderId}, as the admin. */
    private BadRequest refund(String why, long orderId, String body, Set<String> codes) {
        return admin(BadRequest.json(why, "POST", "/api/v1/orders/" + orderId + "/refunds", body, codes));
    }

    // --- bodies ---------------------------------------------------------------------------------------------

    private List<BodyRoute> bodyRoutes() {
        Field name = text("name", "\"Fuzzed name\"", true, 100);
        return List.of(
                new BodyRoute("POST", "/api/v1/users", false, List.of(name)),
                new BodyRoute("POST", "/api/v1/users/" + world.alice() + "/balance/charges", false,
                        List.of(money("amount", "100", true, "10000000"))),
                new BodyRoute("POST", "/api/v1/products", true, List.of(name,
                        text("description", "\"From the fuzz\"", false, 2000),
                        money("price", "1000", true, "1e30"),
                        integer("stock", "10", 0, Integer.MAX_VALUE))),
                new BodyRoute("PUT", "/api/v1/products/" + world.coffee() + "/stock", true,
                        List.of(integer("quantity", "500", 0, Integer.MAX_VALUE))),
                new BodyRoute("POST", "/api/v1/coupon-sources", true, List.of(name,
                        money("discountAmount", "500", true, "1e30"),
                        integer("totalQuantity", "10", 1, 10_000_000),
                        integer("validDays", "7", 1, 3650))),
                new BodyRoute("POST", "/api/v1/coupon-sources/" + world.couponSource() + "/issues", false,
                        List.of(id("userId", world.dave(), true))),
                new BodyRoute("POST", "/api/v1/orders", false, List.of(id("userId", world.alice(), true), items(true),
                        id("couponId", 0, false))),
                new BodyRoute("POST", "/api/v1/orders/" + world.erinAllocatedOrder() + "/payments", false,
                        List.of(id("userId", world.erin(), true), id("couponId", 0, false))),
                new BodyRoute("POST", "/api/v1/orders/" + world.erinAllocatedOrder() + "/cancel", false,
                        List.of(id("userId", world.erin(), true))),
                new BodyRoute("POST", "/api/v1/orders/" + world.alicePartlyRefundedOrder() + "/refunds", true,
                        List.of(items(false), text("reason", "\"Fuzzed reason\"", false, 500), bool("restock", "false"))),
                new BodyRoute("POST", "/api/v1/admin/relays/dataplatform/replay", true,
                        List.of(id("fromEventId", world.lastEventId(), true))));
    }

    private static Map<String, String> wrongTypes(boolean numeric) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(numeric ? "\"12\"" : "12", numeric ? "a string, not a number" : "a number, not a string");
        values.put("true", "a boolean");
        values.put("[]", "an array");
        values.put("{}", "an object");
        values.put(numeric ? "[1]" : "[\"x\"]", "an array of one value");
        return values;
    }

    private static Field text(String name, String valid, boolean required, int maxLength) {
        Map<String, String> invalid = new LinkedHashMap<>(wrongTypes(false));
        invalid.put("\"" + "x".repeat(maxLength + 1) + "\"", "longer than " + maxLength + " characters");
        invalid.put("\"a\\u0001b\"", "contains a control character");
        invalid.put("\"line\\nbreak\"", "contains a line break");
        if (required) {
            invalid.put("\"\"", "empty");
            invalid.put("\"   \"", "blank");
            invalid.put("null", "null for a required field");
        }
        return new Field(name, valid, required, invalid);
    }

    private static Field money(String name, String valid, boolean required, String tooLarge) {
        Map<String, String> invalid = new LinkedHashMap<>(wrongTypes(true));
        invalid.put("0", "zero");
        invalid.put("0.00", "zero");
        invalid.put("-1", "negative");
        invalid.put("-0.01", "negative");
        invalid.put("0.001", "three fraction digits");
        invalid.put("10.005", "three fraction digits");
        invalid.put("1.2345678", "seven fraction digits");
        invalid.put(tooLarge.equals("1e30") ? "1e30" : "10000000.01", "above the maximum");
        invalid.put("1e400", "far above any maximum");
        invalid.put("-1e400", "hugely negative");
        invalid.put("99999999999999999999999999999", "above any DECIMAL(19,2)");
        invalid.put("\"100\"", "a number in a string");
        if (required) {
            invalid.put("null", "null for a required field");
        }
        return new Field(name, valid, required, invalid);
    }

    private static Field integer(String name, String valid, int min, int max) {
        Map<String, String> invalid = new LinkedHashMap<>(wrongTypes(true));
        invalid.put(Integer.toString(min - 1), "below the minimum " + min);
        invalid.put("-2147483648", "the smallest int, below the minimum");
        invalid.put("2147483648", "does not fit an int");
        invalid.put("99999999999999999999", "does not fit a long");
        invalid.put("1.5", "not an integer");
        invalid.put("2.0", "a decimal, not an integer");
        invalid.put("1e2", "exponent notation, not an integer");
        invalid.put("null", "null for a required field");
        if (max < Integer.MAX_VALUE) {
            invalid.put(Integer.toString(max + 1), "above the maximum " + max);
        }
        return new Field(name, valid, true, invalid);
    }

    /** An optional boolean: JSON true or false only, nothing coerced. */
    private static Field bool(String name, String valid) {
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("\"" + valid + "\"", "a boolean in a string");
        invalid.put("\"no\"", "a string, not a boolean");
        invalid.put("\"\"", "an empty string");
        invalid.put("1", "a number, not a boolean");
        invalid.put("0", "a number, not a boolean");
        invalid.put("0.0", "a decimal, not a boolean");
        invalid.put("[]", "an array");
        invalid.put("[" + valid + "]", "an array of one boolean");
        invalid.put("{}", "an object");
        return new Field(name, valid, false, invalid);
    }

    private static Field id(String name, long valid, boolean required) {
        Map<String, String> invalid = new LinkedHashMap<>(wrongTypes(true));
        invalid.put("0", "not positive");
        invalid.put("-1", "negative");
        invalid.put("-9223372036854775808", "negative");
        invalid.put("9223372036854775808", "does not fit a long");
        invalid.put("1.5", "not an integer");
        invalid.put("7.0", "a decimal, not an integer");
        invalid.put("1e3", "exponent notation, not an integer");
        if (required) {
            invalid.put("null", "null for a required field");
        }
        return new Field(name, required ? Long.toString(valid) : null, required, invalid);
    }

    /**
     * The lines of an order or of a refund: required in an order; left out of a refund (or null), they mean every unit left.
     * The valid value is one coffee, which alice's partly refunded order still has.
     */
    private Field items(boolean required) {
        long coffee = world.coffee();
        Map<String, String> invalid = new LinkedHashMap<>(wrongTypes(false));
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("[\"x\"]", "items[0]");
        invalid.put("[]", "no lines");
        invalid.put(IntStream.rangeClosed(1, 51).mapToObj(i -> line(coffee + i, 1)).collect(Collectors.joining(",", "[", "]")),
                "51 lines, more than 50");
        BiConsumer<String, String> quantity = (value, why) -> invalidLine(invalid, paths, value, why, "items[0].quantity");
        BiConsumer<String, String> productId = (value, why) -> invalidLine(invalid, paths, value, why, "items[0].productId");
        BiConsumer<String, String> wholeLine = (value, why) -> invalidLine(invalid, paths, value, why, "items[0]");
        invalidLine(invalid, paths, "[" + line(coffee, 1) + "," + line(coffee, 2) + "]", "the same product twice", "items[1].productId");
        quantity.accept("[" + line(coffee, 0) + "]", "quantity 0");
        quantity.accept("[" + line(coffee, -3) + "]", "negative quantity");
        quantity.accept("[" + line(coffee, 1001) + "]", "quantity above 1,000");
        quantity.accept("[{\"productId\":" + coffee + ",\"quantity\":1.5}]", "fractional quantity");
        quantity.accept("[{\"productId\":" + coffee + ",\"quantity\":\"1\"}]", "quantity as a string");
        quantity.accept("[{\"productId\":" + coffee + ",\"quantity\":4294967297}]", "quantity does not fit an int");
        quantity.accept("[{\"productId\":" + coffee + "}]", "line without quantity");
        productId.accept("[{\"quantity\":1}]", "line without productId");
        productId.accept("[{\"productId\":0,\"quantity\":1}]", "productId 0");
        productId.accept("[{\"productId\":-5,\"quantity\":1}]", "negative productId");
        productId.accept("[{\"productId\":\"" + coffee + "\",\"quantity\":1}]", "productId as a string");
        invalidLine(invalid, paths, "[{\"productId\":" + coffee + ",\"quantity\":1,\"price\":1}]", "a line with an extra field",
                "items[0].price");
        wholeLine.accept("[null]", "a null line");
        wholeLine.accept("[1]", "a line that is a number");
        wholeLine.accept("[[" + coffee + ",1]]", "a line that is an array");
        if (required) {
            invalid.put("null", "null for a required field");
        }
        return new Field("items", "[" + line(coffee, 1) + "]", required, invalid, paths);
    }

    /** An invalid value of {@code items} whose refusal names {@code path}, the part of it that is wrong. */
    private static void invalidLine(Map<String, String> invalid, Map<String, String> paths, String value, String why, String path) {
        invalid.put(value, why);
        paths.put(value, path);
    }

    private static String line(long productId, int quantity) {
        return "{\"productId\":" + productId + ",\"quantity\":" + quantity + "}";
    }

    private static String order(long userId, long productId, int quantity) {
        return "{\"userId\":" + userId + ",\"items\":[" + line(productId, quantity) + "]}";
    }

    /** One field of an otherwise valid body set to a value its type or range forbids. */
    private Arbitrary<BadRequest> badField() {
        return Arbitraries.of(bodyRoutes).flatMap(route -> Arbitraries.of(route.fields())
                .flatMap(field -> Arbitraries.of(List.copyOf(field.invalid().entrySet())).map(bad -> {
                    String body = route.body(f -> f == field ? bad.getKey() : f.valid());
                    return bodyRequest(route, body, field.name() + " is " + bad.getValue(), Set.of(VALIDATION))
                            .naming(field.pathOf(bad.getKey()));
                })));
    }

    /** A required field left out, or a field the request does not have added (also a wrongly cased one). */
    private Arbitrary<BadRequest> missingOrExtraField() {
        return Arbitraries.of(bodyRoutes).flatMap(route -> {
            List<BadRequest> requests = new ArrayList<>();
            for (Field field : route.fields()) {
                if (field.required()) {
                    requests.add(bodyRequest(route, route.body(f -> f == field ? null : f.valid()),
                            "required field " + field.name() + " is missing", Set.of(VALIDATION)).naming(field.name()));
                }
                String upper = Character.toUpperCase(field.name().charAt(0)) + field.name().substring(1);
                String renamed = route.body(f -> f.valid()).replace("\"" + field.name() + "\":", "\"" + upper + "\":");
                if (field.valid() != null) {
                    // A required field renamed is both unknown and missing: either names the defect.
                    BadRequest renamedField = bodyRequest(route, renamed, "field " + upper + " is not " + field.name()
                            + " (names are case-sensitive)", Set.of(VALIDATION));
                    requests.add(field.required() ? renamedField.naming(upper, field.name()) : renamedField.naming(upper));
                }
            }
            String valid = route.validBody();
            String extra = valid.equals("{}") ? "{\"extra\":1}" : valid.substring(0, valid.length() - 1) + ",\"extra\":1}";
            requests.add(bodyRequest(route, extra, "unknown field extra", Set.of(VALIDATION)).naming("extra"));
            String admin = valid.equals("{}") ? "{\"id\":1}" : valid.substring(0, valid.length() - 1) + ",\"id\":99}";
            requests.add(bodyRequest(route, admin, "a client may not choose the id", Set.of(VALIDATION)).naming("id"));
            return Arbitraries.of(requests);
        });
    }

    /** Bodies that are not one well-formed JSON object: cut short, broken, the wrong kind of value, doubled. */
    private Arbitrary<BadRequest> malformedJson() {
        return Arbitraries.of(bodyRoutes).flatMap(route -> {
            String valid = route.validBody();
            Arbitrary<BadRequest> truncated = Arbitraries.integers().between(0, valid.length() - 1)
                    .map(cut -> bodyRequest(route, valid.substring(0, cut), "the body is cut short after " + cut + " characters",
                            Set.of(VALIDATION)));
            Arbitrary<BadRequest> broken = Arbitraries.of(
                            valid + "x", valid + valid, valid + ",", "[" + valid + "]", valid.replace("\"", "'"),
                            valid.replace(":", " "), valid.replaceFirst("\"(\\w+)\":", "$1:"), valid.replace("}", ",}"),
                            "{", "}", "[]", "null", "\"text\"", "42", "true", "{{}}", "{\"a\" 1}", "<xml/>", "name=x",
                            valid.substring(0, valid.length() - 1) + "/* comment */}", duplicateFirstField(valid))
                    .filter(body -> !body.equals("{}") || route.fields().stream().anyMatch(Field::required))
                    .map(body -> bodyRequest(route, body, "the body is not one well-formed JSON object of the right shape",
                            Set.of(VALIDATION)));
            Arbitrary<BadRequest> notUtf8 = Arbitraries.of(
                            new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'},
                            "{\"name\":\"\u00C3(\"}".getBytes(StandardCharsets.ISO_8859_1),
                            new byte[] {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'})
                    .map(bytes -> new BadRequest("the body is not UTF-8", route.method(), route.path(),
                            Map.of("Content-Type", BadRequest.JSON), bytes, false, Set.of(VALIDATION)))
                    .map(request -> route.admin() ? admin(request) : request);
            return Arbitraries.oneOf(truncated, broken, notUtf8);
        });
    }

    private static String duplicateFirstField(String valid) {
        if (valid.equals("{}")) {
            return "{\"x\":1,\"x\":1}";
        }
        String inner = valid.substring(1, valid.length() - 1);
        String first = inner.split(",(?=\")")[0];
        return "{" + first + "," + inner + "}";
    }

    /** A valid body sent as something other than UTF-8 JSON. */
    private Arbitrary<BadRequest> wrongContentType() {
        return Arbitraries.of(bodyRoutes).flatMap(route -> Arbitraries.of("text/plain", "application/xml", "text/json",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx",
                        "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/problem+json", "", "none")
                .map(type -> {
                    BadRequest valid = bodyRequest(route, route.validBody(), "sent as '" + type + "', not application/json",
                            Set.of("UNSUPPORTED_MEDIA_TYPE"));
                    return type.equals("none") ? valid.withoutHeader("Content-Type") : valid.withHeader("Content-Type", type);
                }));
    }

    /** A valid body padded with whitespace past 64 KiB: with its length declared, or streamed without one. */
    private Arbitrary<BadRequest> oversizedBody() {
        return Combinators.combine(Arbitraries.of(bodyRoutes), Arbitraries.integers().between(64 * 1024, 72 * 1024), Arbitraries.of(true, false))
                .as((route, size, chunked) -> {
                    String valid = route.validBody();
                    String padded = "{" + " ".repeat(size + 1 - valid.length() + 1) + valid.substring(1);
                    BadRequest request = bodyRequest(route, padded, "a " + padded.length() + "-byte body is over 64 KiB",
                            Set.of("PAYLOAD_TOO_LARGE"));
                    return chunked ? request.sentChunked() : request;
                });
    }

    /**
     * The refund that every body family breaks, as it is: it would refund one of alice's coffees. Sent once the fuzz
     * is over, it must go through, so that the refusals before it were for the defects put in, not for its own.
     */
    BadRequest validRefund() {
        BodyRoute route = bodyRoutes.stream().filter(candidate -> candidate.path().endsWith("/refunds")).findFirst().orElseThrow();
        return bodyRequest(route, route.validBody(), "nothing: it is the valid refund", Set.of());
    }

    private BadRequest bodyRequest(BodyRoute route, String body, String why, Set<String> codes) {
        BadRequest request = BadRequest.json(why, route.method(), route.path(), body, codes);
        return route.admin() ? admin(request) : request;
    }

    private BadRequest admin(BadRequest request) {
        return request.withHeader("Authorization", "Bearer " + world.adminToken());
    }

    // --- query parameters -----------------------------------------------------------------------------------

    private Arbitrary<BadRequest> badQuery() {
        Arbitrary<String> notInt = Arbitraries.of("", "abc", "1.5", "1e2", "2147483648", "-2147483649", "0x10", "%20", "one");
        return Arbitraries.oneOf(
                notInt.map(value -> "/api/v1/products?page=" + value),
                notInt.map(value -> "/api/v1/products?size=" + value),
                Arbitraries.integers().between(Integer.MIN_VALUE, -1).map(value -> "/api/v1/products?page=" + value),
                Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(101))
                        .map(value -> "/api/v1/products?page=0&size=" + value),
                notInt.map(value -> "/api/v1/products/popular?days=" + value),
                notInt.map(value -> "/api/v1/products/popular?limit=" + value),
                Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(31))
                        .map(value -> "/api/v1/products/popular?days=" + value + "&limit=5"),
                Arbitraries.oneOf(Arbitraries.integers().lessOrEqual(0), Arbitraries.integers().greaterOrEqual(101))
                        .map(value -> "/api/v1/products/popular?days=3&limit=" + value))
                .map(path -> BadRequest.get("a query parameter of " + path + " is not an integer in its range", path, Set.of(VALIDATION)));
    }

    // --- admin token ----------------------------------------------------------------------------------------

    /** Admin routes with valid requests but no, a malformed, or a wrong bearer token. */
    private Arbitrary<BadRequest> badAdminToken() {
        String token = world.adminToken();
        Arbitrary<BadRequest> adminRequest = Arbitraries.of(
                BadRequest.get("", "/api/v1/admin/relays", Set.of()),
                BadRequest.json("", "POST", "/api/v1/admin/relays/dataplatform/replay", "{\"fromEventId\":" + world.lastEventId() + "}", Set.of()),
                BadRequest.json("", "POST", "/api/v1/products", "{\"name\":\"Sneaky\",\"price\":1,\"stock\":1}", Set.of()),
                BadRequest.json("", "PUT", "/api/v1/products/" + world.coffee() + "/stock", "{\"quantity\":0}", Set.of()),
                BadRequest.json("", "POST", "/api/v1/coupon-sources",
                        "{\"name\":\"Free\",\"discountAmount\":100000,\"totalQuantity\":10,\"validDays\":30}", Set.of()),
                BadRequest.json("", "POST", "/api/v1/orders/" + world.alicePartlyRefundedOrder() + "/refunds", "{}", Set.of()),
                BadRequest.json("", "POST", "/api/v1/orders/" + world.bobCompletedOrder() + "/refunds",
                        "{\"items\":[" + line(world.coffee(), 1) + "],\"reason\":\"sneaky\",\"restock\":false}", Set.of()));
        Arbitrary<Map.Entry<String, String>> unauthorized = Arbitraries.of("none", "", "Basic YWRtaW46YWRtaW4=", "Bearer", "Token " + token,
                        token, "Bearer\t" + token)
                .map(value -> Map.entry(value, "UNAUTHORIZED"));
        Arbitrary<Map.Entry<String, String>> forbidden = Arbitraries.oneOf(
                Arbitraries.of("Bearer wrong", "Bearer " + token + "x", "Bearer " + token.substring(1),
                        "Bearer " + token.toUpperCase(), "Bearer " + token + " " + token, "Bearer  x" + token),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(80).withCharRange('!', '~').filter(s -> !s.equals(token))
                        .map(s -> "Bearer " + s))
                .map(value -> Map.entry(value, "FORBIDDEN"));
        // An empty token after "Bearer ": refused either way, depending on whether the trailing space survives.
        Arbitrary<Map.Entry<String, String>> empty = Arbitraries.just(Map.entry("Bearer ", "UNAUTHORIZED FORBIDDEN"));
        return Combinators.combine(adminRequest, Arbitraries.oneOf(unauthorized, forbidden, empty)).as((request, authorization) -> {
            BadRequest refused = request.because("Authorization '" + authorization.getKey() + "' is not the admin token",
                    Set.of(authorization.getValue().split(" ")));
            return authorization.getKey().equals("none") ? refused : refused.withHeader("Authorization", authorization.getKey());
        });
    }

    // --- Idempotency-Key ------------------------------------------------------------------------------------

    /** Requests that would succeed but for their Idempotency-Key: malformed, or reused with another body. */
    private Arbitrary<BadRequest> badIdempotencyKey() {
        Arbitrary<String> badKey = Arbitraries.oneOf(
                Arbitraries.of("", "caf\u00e9", "tab\there", "\u00a0", "key\u00ff"),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(256).ofMaxLength(400));
        Arbitrary<BadRequest> malformed = Combinators.combine(badKey, Arbitraries.of(
                BadRequest.json("", "POST", "/api/v1/orders", order(world.alice(), world.coffee(), 1), Set.of()),
                BadRequest.json("", "POST", "/api/v1/orders/" + world.erinAllocatedOrder() + "/payments", "{\"userId\":" + world.erin() + "}", Set.of()),
                BadRequest.json("", "POST", "/api/v1/users/" + world.alice() + "/balance/charges", "{\"amount\":250.50}", Set.of()),
                refund("", world.alicePartlyRefundedOrder(), "{\"items\":[" + line(world.coffee(), 1) + "]}", Set.of()),
                refund("", world.bobCompletedOrder(), "{}", Set.of())))
                .as((key, request) -> request.because("Idempotency-Key '" + key + "' is not 1-255 printable ASCII characters", Set.of(VALIDATION))
                        .naming("Idempotency-Key").withHeader("Idempotency-Key", key));
        Arbitrary<BadRequest> reused = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 10_000_000).filter(amount -> amount != world.bobChargeAmount()).map(amount ->
                        BadRequest.json("Idempotency-Key " + world.bobChargeKey() + " was used by bob for a charge of another amount", "POST",
                                        "/api/v1/users/" + world.bob() + "/balance/charges", "{\"amount\":" + amount + "}", Set.of("IDEMPOTENCY_KEY_REUSED"))
                                .withHeader("Idempotency-Key", world.bobChargeKey())),
                Arbitraries.integers().between(3, 1000).map(quantity ->
                        BadRequest.json("Idempotency-Key " + world.bobOrderKey() + " was used by bob for an order of 2", "POST", "/api/v1/orders",
                                        order(world.bob(), world.coffee(), quantity), Set.of("IDEMPOTENCY_KEY_REUSED"))
                                .withHeader("Idempotency-Key", world.bobOrderKey())));
        return Arbitraries.frequencyOf(Tuple.of(2, malformed), Tuple.of(2, reused), Tuple.of(1, reusedForRefunds()));
    }

    /**
     * The keys of the seed's refunds sent again with another refund (the key is scoped to the order's user, so the
     * order's own key): alice's refunded one coffee with reason "seed: one cup broken", restocked; bob's whole order
     * was refunded without restock. On bob's order, now wholly refunded, the spec does not say which is checked first.
     */
    private Arbitrary<BadRequest> reusedForRefunds() {
        World w = world;
        long order = w.alicePartlyRefundedOrder();
        String why = "Idempotency-Key " + w.aliceRefundKey() + " was used for a refund of one coffee of this order";
        Arbitrary<String> otherAliceRefund = Arbitraries.oneOf(
                Arbitraries.of("{}", "{\"restock\":false}", "{\"items\":[" + line(w.coffee(), 1) + "]}",
                        "{\"items\":[" + line(w.coffee(), 1) + "],\"reason\":\"seed: one cup broken\",\"restock\":false}",
                        "{\"items\":[" + line(w.biscuits(), 1) + "],\"reason\":\"seed: one cup broken\"}",
                        "{\"items\":[" + line(w.coffee(), 1) + "," + line(w.biscuits(), 1) + "],\"reason\":\"seed: one cup broken\"}"),
                Arbitraries.integers().between(2, w.aliceCoffeeLeft()).map(quantity ->
                        "{\"items\":[" + line(w.coffee(), quantity) + "],\"reason\":\"seed: one cup broken\"}"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40).map(reason ->
                        "{\"items\":[" + line(w.coffee(), 1) + "],\"reason\":\"" + reason + "\"}"));
        Arbitrary<BadRequest> onAlice = otherAliceRefund.map(body -> refund(why, order, body, Set.of("IDEMPOTENCY_KEY_REUSED"))
                .withHeader("Idempotency-Key", w.aliceRefundKey()));
        Arbitrary<BadRequest> onBob = Arbitraries.of("{}", "{\"restock\":true}", "{\"items\":[" + line(w.biscuits(), 1) + "]}")
                .map(body -> refund("Idempotency-Key " + w.bobRefundKey() + " was used for the refund, without restock, that emptied "
                        + "this order", w.bobRefundedOrder(), body, Set.of("IDEMPOTENCY_KEY_REUSED", "ORDER_NOT_REFUNDABLE"))
                        .withHeader("Idempotency-Key", w.bobRefundKey()));
        // Keys are scoped per user, not per route: a user's key is the same key on every route that takes one.
        Set<String> reusedKey = Set.of("IDEMPOTENCY_KEY_REUSED");
        Arbitrary<BadRequest> otherRoute = Arbitraries.of(
                BadRequest.json("Idempotency-Key " + w.aliceRefundKey() + " was alice's for a refund, not this order", "POST",
                        "/api/v1/orders", order(w.alice(), w.coffee(), 1), reusedKey).withHeader("Idempotency-Key", w.aliceRefundKey()),
                BadRequest.json("Idempotency-Key " + w.aliceRefundKey() + " was alice's for a refund, not this charge", "POST",
                        "/api/v1/users/" + w.alice() + "/balance/charges", "{\"amount\":1000}", reusedKey)
                        .withHeader("Idempotency-Key", w.aliceRefundKey()),
                refund("Idempotency-Key " + w.bobOrderKey() + " was bob's for placing this order, not refunding it", w.bobCompletedOrder(),
                        "{}", reusedKey).withHeader("Idempotency-Key", w.bobOrderKey()),
                refund("Idempotency-Key " + w.bobChargeKey() + " was bob's for a charge, not this refund", w.bobCompletedOrder(),
                        "{\"items\":[" + line(w.coffee(), 1) + "]}", reusedKey).withHeader("Idempotency-Key", w.bobChargeKey()));
        return Arbitraries.frequencyOf(Tuple.of(5, onAlice), Tuple.of(2, onBob), Tuple.of(2, otherRoute));
    }

    // --- business rules -------------------------------------------------------------------------------------

    /**
     * Well-formed requests the rules refuse before anything is written: the wrong user, a product off sale or
     * short of stock, an order in the wrong state, a coupon campaign sold out or already issued. Coupon and balance
     * refusals during payment are left out: they record the failed attempt, as the spec asks.
     */
    private Arbitrary<BadRequest> businessRefusal() {
        World w = world;
        String allocated = "/api/v1/orders/" + w.erinAllocatedOrder();
        String completed = "/api/v1/orders/" + w.bobCompletedOrder();
        String cancelled = "/api/v1/orders/" + w.aliceCancelledOrder();
        Arbitrary<BadRequest> fixed = Arbitraries.of(
                BadRequest.json("carol is inactive", "POST", "/api/v1/orders", order(w.carolInactive(), w.coffee(), 1), Set.of("USER_INACTIVE")),
                BadRequest.json("carol is inactive", "POST", "/api/v1/users/" + w.carolInactive() + "/balance/charges", "{\"amount\":10}",
                        Set.of("USER_INACTIVE")),
                BadRequest.json("carol is inactive", "POST", "/api/v1/coupon-sources/" + w.couponSource() + "/issues",
                        "{\"userId\":" + w.carolInactive() + "}", Set.of("USER_INACTIVE")),
                BadRequest.json("bob does not own erin's order", "POST", allocated + "/payments", "{\"userId\":" + w.bob() + "}",
                        Set.of("ORDER_NOT_OWNED")),
                BadRequest.json("alice does not own erin's order", "POST", allocated + "/cancel", "{\"userId\":" + w.alice() + "}",
                        Set.of("ORDER_NOT_OWNED")),
                BadRequest.json("bob's order is completed", "POST", completed + "/payments", "{\"userId\":" + w.bob() + "}",
                        Set.of("ORDER_NOT_PAYABLE")),
                BadRequest.json("bob's order is completed", "POST", completed + "/cancel", "{\"userId\":" + w.bob() + "}",
                        Set.of("ORDER_NOT_CANCELLABLE")),
                BadRequest.json("alice does not own bob's completed order", "POST", completed + "/payments", "{\"userId\":" + w.alice() + "}",
                        Set.of("ORDER_NOT_OWNED", "ORDER_NOT_PAYABLE")),
                BadRequest.json("alice does not own bob's completed order", "POST", completed + "/cancel", "{\"userId\":" + w.alice() + "}",
                        Set.of("ORDER_NOT_OWNED", "ORDER_NOT_CANCELLABLE")),
                BadRequest.json("alice's order is cancelled, never payable again", "POST", cancelled + "/payments",
                        "{\"userId\":" + w.alice() + "}", Set.of("ORDER_NOT_PAYABLE")),
                BadRequest.json("alice's order is already cancelled", "POST", cancelled + "/cancel", "{\"userId\":" + w.alice() + "}",
                        Set.of("ORDER_NOT_CANCELLABLE")),
                BadRequest.json("bob already has a coupon of this campaign", "POST", "/api/v1/coupon-sources/" + w.couponSource() + "/issues",
                        "{\"userId\":" + w.bob() + "}", Set.of("COUPON_ALREADY_ISSUED")),
                BadRequest.json("the only coupon of this campaign went to bob", "POST", "/api/v1/coupon-sources/" + w.soldOutSource() + "/issues",
                        "{\"userId\":" + w.dave() + "}", Set.of("COUPON_SOLD_OUT")),
                admin(BadRequest.json("no consumer has this name", "POST", "/api/v1/admin/relays/nobody/replay", "{\"fromEventId\":1}",
                        Set.of("NOT_FOUND"))),
                admin(BadRequest.json("the statistics count each event once and cannot be replayed", "POST",
                        "/api/v1/admin/relays/sales-statistics/replay", "{\"fromEventId\":" + w.lastEventId() + "}", Set.of(VALIDATION))));
        Arbitrary<BadRequest> offSale = Arbitraries.integers().between(1, 1000).map(quantity ->
                BadRequest.json("the product is discontinued", "POST", "/api/v1/orders", order(w.alice(), w.discontinued(), quantity),
                        Set.of("PRODUCT_NOT_ON_SALE")));
        Arbitrary<BadRequest> outOfStock = Arbitraries.integers().between(w.teaStock() + 1, 1000).map(quantity ->
                BadRequest.json("only " + w.teaStock() + " tea left", "POST", "/api/v1/orders",
                        "{\"userId\":" + w.alice() + ",\"items\":[" + line(w.coffee(), 1) + "," + line(w.tea(), quantity) + "]}",
                        Set.of("OUT_OF_STOCK")));
        Arbitrary<BadRequest> noReplay = Arbitraries.longs().between(w.lastEventId() + 1, Long.MAX_VALUE).map(eventId ->
                admin(BadRequest.json("event " + eventId + " does not exist", "POST", "/api/v1/admin/relays/dataplatform/replay",
                        "{\"fromEventId\":" + eventId + "}", Set.of(VALIDATION))));
        return withFreshKey(Arbitraries.oneOf(fixed, offSale, outOfStock, noReplay));
    }

    /** A third of the POSTs with a fresh, valid key: it changes nothing about a refusal, as a key is claimed only with the first effect. */
    private static Arbitrary<BadRequest> withFreshKey(Arbitrary<BadRequest> refusals) {
        Arbitrary<String> freshKey = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64);
        return Combinators.combine(refusals, freshKey, Arbitraries.integers().between(0, 2)).as((request, key, withKey) ->
                withKey == 0 && request.method().equals("POST") ? request.withHeader("Idempotency-Key", FRESH_KEY + key) : request);
    }

    /**
     * Refunds the rules refuse: of an order not paid (allocated, cancelled) or wholly refunded, of a product the order
     * does not have, of more units than are left (alone, or beside a line that fits: all or nothing); and refunds read
     * through an order they are not of.
     */
    private Arbitrary<BadRequest> refundRefusal() {
        World w = world;
        long partly = w.alicePartlyRefundedOrder();
        Set<String> notRefundable = Set.of("ORDER_NOT_REFUNDABLE");
        Set<String> exceeds = Set.of("REFUND_EXCEEDS_ORDER");
        String coffeeLine = "{\"items\":[" + line(w.coffee(), 1) + "]}";
        Arbitrary<BadRequest> fixed = Arbitraries.of(
                refund("erin's order is allocated, not paid", w.erinAllocatedOrder(), "{}", notRefundable),
                refund("erin's order is allocated, not paid", w.erinAllocatedOrder(), coffeeLine, notRefundable),
                refund("alice's order is cancelled, never paid", w.aliceCancelledOrder(), "{}", notRefundable),
                refund("alice's order is cancelled, never paid", w.aliceCancelledOrder(), "{\"restock\":false,\"reason\":\"why not\"}",
                        notRefundable),
                refund("bob's biscuits order is wholly refunded", w.bobRefundedOrder(), "{}", notRefundable),
                refund("bob's biscuits order is wholly refunded", w.bobRefundedOrder(),
                        "{\"items\":[" + line(w.biscuits(), 1) + "],\"restock\":true}", notRefundable),
                refund("tea is not in alice's order", partly, "{\"items\":[" + line(w.tea(), 1) + "]}", exceeds),
                refund("the old mug is not in alice's order", partly, "{\"items\":[" + line(w.discontinued(), 1) + "],\"restock\":false}",
                        exceeds),
                refund("tea is not in alice's order, beside biscuits that are", partly,
                        "{\"items\":[" + line(w.biscuits(), 1) + "," + line(w.tea(), 1) + "]}", exceeds),
                refund("biscuits are not in bob's coffee order", w.bobCompletedOrder(), "{\"items\":[" + line(w.biscuits(), 1) + "]}",
                        exceeds),
                refund("only " + w.aliceCoffeeLeft() + " coffee left to refund on alice's order, one more asked", partly,
                        "{\"items\":[" + line(w.coffee(), w.aliceCoffeeLeft() + 1) + "]}", exceeds),
                refund("only " + w.aliceCoffeeLeft() + " coffee left to refund on alice's order, beside all her biscuits", partly,
                        "{\"items\":[" + line(w.biscuits(), 2) + "," + line(w.coffee(), 1000) + "],\"restock\":false}", exceeds),
                refund("alice bought 2 biscuits, not 3", partly, "{\"items\":[" + line(w.biscuits(), 3) + "]}", exceeds),
                refund("bob bought 2 coffees, not 3", w.bobCompletedOrder(), "{\"items\":[" + line(w.coffee(), 3) + "]}", exceeds),
                BadRequest.get("bob's refund is not of alice's order", "/api/v1/orders/" + partly + "/refunds/" + w.bobRefund(),
                        Set.of("NOT_FOUND")),
                BadRequest.get("alice's refund is not of bob's refunded order", "/api/v1/orders/" + w.bobRefundedOrder() + "/refunds/"
                        + w.aliceRefund(), Set.of("NOT_FOUND")),
                BadRequest.get("bob's completed order has no refunds", "/api/v1/orders/" + w.bobCompletedOrder() + "/refunds/"
                        + w.aliceRefund(), Set.of("NOT_FOUND")),
                BadRequest.get("erin's allocated order has no refunds", "/api/v1/orders/" + w.erinAllocatedOrder() + "/refunds/"
                        + w.bobRefund(), Set.of("NOT_FOUND")));
        // Without edge cases: those of a combination multiply, and would crowd out every other refusal. The boundaries are above.
        Arbitrary<String> reasonAndRestock = Arbitraries.of("", ",\"reason\":\"too many\"", ",\"restock\":false",
                ",\"reason\":\"too many\",\"restock\":true");
        Arbitrary<BadRequest> tooManyCoffees = Combinators.combine(Arbitraries.integers().between(w.aliceCoffeeLeft() + 1, 1000),
                reasonAndRestock, Arbitraries.of(true, false)).as((quantity, more, withBiscuits) ->
                refund("only " + w.aliceCoffeeLeft() + " coffee left to refund on alice's order, not " + quantity, partly,
                        "{\"items\":[" + (withBiscuits ? line(w.biscuits(), 2) + "," : "") + line(w.coffee(), quantity) + "]" + more + "}",
                        exceeds)).withoutEdgeCases();
        Arbitrary<BadRequest> tooManyBiscuits = Arbitraries.integers().between(3, 1000).map(quantity ->
                refund("alice bought 2 biscuits, not " + quantity, partly,
                        "{\"items\":[" + line(w.biscuits(), quantity) + "," + line(w.coffee(), 1) + "]}", exceeds)).withoutEdgeCases();
        Arbitrary<BadRequest> tooManyOfBob = Arbitraries.integers().between(3, 1000).map(quantity ->
                refund("bob bought 2 coffees, not " + quantity, w.bobCompletedOrder(), "{\"items\":[" + line(w.coffee(), quantity) + "]}",
                        exceeds)).withoutEdgeCases();
        return Arbitraries.frequencyOf(Tuple.of(5, fixed), Tuple.of(2, tooManyCoffees), Tuple.of(1, tooManyBiscuits),
                Tuple.of(1, tooManyOfBob));
    }
}
