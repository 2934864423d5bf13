package dev.suture.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/** Shared Jackson mapper and null-tolerant accessors for the server's JSON. */
public final class Json {

    /** BigDecimal for floats so that re-serialised audit events keep their numbers exactly. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private Json() {}

    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException(1, "server sent malformed JSON: " + e.getOriginalMessage());
        }
    }

    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first present, non-null value among dotted paths ("spec.environment"), as text;
     * null when none is present. Lets tables read both flat and document-shaped resources.
     */
    public static String text(JsonNode node, String... paths) {
        JsonNode found = find(node, paths);
        if (found == null) {
            return null;
        }
        if (found.isArray()) {
            List<String> parts = new ArrayList<>();
            found.forEach(e -> parts.add(e.isValueNode() ? e.asText() : compact(e)));
            return String.join(",", parts);
        }
        if (found.isObject()) {
            List<String> parts = new ArrayList<>();
            found.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
            return String.join(",", parts);
        }
        return found.asText();
    }

    public static JsonNode find(JsonNode node, String... paths) {
        for (String path : paths) {
            JsonNode current = node;
            for (String part : path.split("\\.")) {
                current = current == null ? null : current.get(part);
            }
            if (current != null && !current.isNull() && !current.isMissingNode()) {
                return current;
            }
        }
        return null;
    }

    public static Long longValue(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || !value.canConvertToLong() ? null : value.asLong();
    }

    public static Integer intValue(JsonNode node, String field) {
        Long value = longValue(node, field);
        return value == null ? null : value.intValue();
    }
}
