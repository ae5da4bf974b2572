package dev.orderengine.adapter.in.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.orderengine.domain.shared.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;

/**
 * Jackson's reading failures as {@code VALIDATION_FAILED}s naming the field by its path in the body
 * ({@code items[1].quantity}, or {@code body} for the document as a whole), in words a client understands
 * and without Jackson's own messages, which quote class names.
 */
final class JsonInputErrors {

    private JsonInputErrors() {
    }

    /**
     * What the parser refuses: a number too large for its field, a field given twice (both about that field),
     * or broken JSON (about the whole body).
     */
    static InvalidInputException malformed(StreamReadException e) {
        if (e instanceof InputCoercionException) {
            return new InvalidInputException(path(e.getProcessor()), "is out of range");
        }
        String problem = e.getOriginalMessage();
        if (problem != null && problem.startsWith("Duplicate field")) {
            return new InvalidInputException(path(e.getProcessor()), "appears more than once");
        }
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return new InvalidInputException("body", "is not valid JSON" + where);
    }

    /** JSON that does not fit the request's type: the field is named by its path in the body. */
    static InvalidInputException unfit(JsonMappingException e) {
        if (e instanceof ValueInstantiationException instantiation) {
            return fromConstructor(instantiation);
        }
        return new InvalidInputException(path(e), problem(e));
    }

    /** A request record refused its values: its field names are relative to where it sits in the body. */
    private static InvalidInputException fromConstructor(ValueInstantiationException e) {
        if (e.getCause() instanceof InvalidInputException invalid) {
            String prefix = path(e);
            String field = prefix.equals("body") ? invalid.field() : prefix + "." + invalid.field();
            // the message is "field: problem"; only the field moves
            return new InvalidInputException(field, invalid.getMessage().substring(invalid.field().length() + 2));
        }
        return new InvalidInputException(path(e), "is not valid");
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e.getCause() instanceof InputCoercionException) {
            return "is out of range";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        return "is not valid";
    }

    private static boolean isInteger(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class;
    }

    private static String describe(Class<?> type) {
        if (isInteger(type)) {
            return "an integer";
        }
        if (type == BigDecimal.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** {@code items[1].quantity} from the path Jackson reports, or {@code body} for the whole document. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The same path, for errors raised by the parser before databind knew where it was. */
    private static String path(Object processor) {
        if (!(processor instanceof JsonParser parser)) {
            return "body";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.addFirst("." + context.getCurrentName());
            } else if (context.inArray()) {
                parts.addFirst("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "body" : path.substring(path.startsWith(".") ? 1 : 0);
    }
}
