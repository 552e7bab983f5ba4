package io.x0tta6bl4.itests;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The scanner's bill of materials as {@code scan:sbom --json} prints it, for ScannerIT. */
final class ScannerSbom {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> components = new ArrayList<>();

    private ScannerSbom(JsonNode array) {
        array.forEach(components::add);
    }

    static ScannerSbom read(Shell shell) throws Exception {
        return new ScannerSbom(JSON.readTree(shell.run("scan:sbom --json").assertOk().out()));
    }

    /** The one component that matches, or an AssertionError listing what there is. */
    JsonNode component(String what, Predicate<JsonNode> which) {
        List<JsonNode> hits = components.stream().filter(which).toList();
        if (hits.size() != 1) {
            throw new AssertionError(hits.size() + " components are " + what + " in " + components);
        }
        return hits.get(0);
    }

    JsonNode bundle(long id) {
        return component("bundle " + id, c -> c.path("bundleId").asLong() == id);
    }

    /** Its coordinates as {@code g:a:v confidence origin}, {@code ?} for an unknown group. */
    static List<String> coordinates(JsonNode component) {
        List<String> out = new ArrayList<>();
        for (JsonNode k : component.path("coordinates")) {
            out.add((k.path("groupId").isNull() ? "?" : k.path("groupId").asText()) + ":" + k.path("artifactId").asText()
                    + ":" + k.path("version").asText() + " " + k.path("confidence").asText() + " " + k.path("origin").asText());
        }
        return out;
    }
}
