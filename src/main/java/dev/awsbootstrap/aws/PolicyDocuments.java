package dev.awsbootstrap.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads IAM policy documents as IAM means them. IAM hands documents back URL-encoded and in its own
 * layout, so two documents are compared after normalising what IAM treats as equal: the order of
 * keys, of array elements and of statements, a single value against a one-element array, and {@code
 * true} against {@code "true"}.
 */
public final class PolicyDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PolicyDocuments() {}

    /**
     * Parses a policy document as written, or URL-encoded as IAM returns it.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static JsonNode parse(String documentMaybeUrlEncoded) {
        if (documentMaybeUrlEncoded == null) {
            throw new IllegalArgumentException("No policy document: null.");
        }
        String text = documentMaybeUrlEncoded.strip();
        if (!text.startsWith("{")) {
            text = URLDecoder.decode(text, StandardCharsets.UTF_8).strip();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Not a JSON policy document: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Not a JSON policy document: not a JSON object.");
        }
        return node;
    }

    /** Whether two documents, each plain or URL-encoded, grant and deny the same things. */
    public static boolean sameMeaning(String a, String b) {
        return normalized(parse(a)).equals(normalized(parse(b)));
    }

    /** The document on one line, decoded, keys in their given order: for showing it. */
    public static String compact(String documentMaybeUrlEncoded) {
        return parse(documentMaybeUrlEncoded).toString();
    }

    /**
     * The canonical form of a node: object keys sorted, arrays sorted and free of duplicates, a
     * one-element array replaced by its element, and every scalar but null turned into text.
     */
    static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), normalized(field.getValue()));
            }
            ObjectNode sorted = NODES.objectNode();
            fields.forEach(sorted::set);
            return sorted;
        }
        if (node.isArray()) {
            return normalizedArray(node);
        }
        if (node.isNull() || node.isMissingNode()) {
            return node;
        }
        return TextNode.valueOf(node.asText());
    }

    private static JsonNode normalizedArray(JsonNode array) {
        Map<String, JsonNode> distinct = new TreeMap<>();
        for (JsonNode element : array) {
            JsonNode normal = normalized(element);
            distinct.put(normal.toString(), normal);
        }
        if (distinct.size() == 1) {
            return distinct.values().iterator().next();
        }
        ArrayNode sorted = NODES.arrayNode();
        distinct.values().forEach(sorted::add);
        return sorted;
    }
}
