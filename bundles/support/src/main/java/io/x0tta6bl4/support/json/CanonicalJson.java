package io.x0tta6bl4.support.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One byte form of a JSON tree for signing: object members sorted by name at every level, no
 * white space, values as Jackson writes them. A tree that went through serialization and
 * parsing gives the same bytes as before (key order and spacing on the wire do not matter,
 * every value does), so a signer and a verifier that each hold only the tree agree.
 * <p>
 * Numbers keep their Jackson form: {@code 1} and {@code 1.0} differ. Both sides parse with
 * Jackson's defaults, which keep that difference.
 */
public final class CanonicalJson {

    /** How deep a tree may nest: a reply from the mesh is never this deep, a hostile one may be. */
    public static final int MAX_DEPTH = 64;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    /** @throws IllegalArgumentException if the tree nests deeper than {@link #MAX_DEPTH} */
    public static byte[] bytes(JsonNode tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            write(g, tree, 0);
        } catch (IOException e) {
            throw new IllegalStateException("JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode node, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nests deeper than " + MAX_DEPTH);
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
                names.add(i.next());
            }
            names.sort(null);
            g.writeStartObject();
            for (String name : names) {
                g.writeFieldName(name);
                write(g, node.get(name), depth + 1);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode item : node) {
                write(g, item, depth + 1);
            }
            g.writeEndArray();
        } else {
            g.writeTree(node);
        }
    }
}
