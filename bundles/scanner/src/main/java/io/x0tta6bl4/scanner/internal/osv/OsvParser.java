package io.x0tta6bl4.scanner.internal.osv;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x0tta6bl4.api.scanner.Severity;

/**
 * Reads OSV JSON (schema 1.x) into {@link Advisory}. Only the Maven ecosystem is kept; an
 * advisory without Maven packages reads as one with no affected entries. Anything that breaks
 * the schema where the scanner relies on it (no id, an event without a version, a range
 * type that is not text, an unparsable document) is an {@link OsvFormatException} naming
 * the file and the field.
 */
public final class OsvParser {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private OsvParser() {
    }

    public static Advisory parse(String file, InputStream in) throws OsvFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new OsvFormatException(file + ": not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new OsvFormatException(file + ": not a JSON object");
        }
        String id = text(root, "id");
        if (id == null || id.isBlank()) {
            throw new OsvFormatException(file + ": no 'id'");
        }
        List<String> aliases = new ArrayList<>();
        root.path("aliases").forEach(a -> aliases.add(a.asText()));
        List<Advisory.Affected> affected = new ArrayList<>();
        JsonNode aff = root.path("affected");
        if (!aff.isMissingNode() && !aff.isArray()) {
            throw new OsvFormatException(file + ": 'affected' is not an array");
        }
        int i = 0;
        for (JsonNode a : aff) {
            String where = file + ": affected[" + i++ + "]";
            JsonNode pkg = a.path("package");
            if (!"Maven".equals(text(pkg, "ecosystem"))) {
                continue;
            }
            String name = text(pkg, "name");
            if (name == null || name.indexOf(':') <= 0) {
                throw new OsvFormatException(where + ": package name '" + name + "' is not groupId:artifactId");
            }
            List<VersionRange> ranges = new ArrayList<>();
            int r = 0;
            for (JsonNode range : a.path("ranges")) {
                String type = text(range, "type");
                String rwhere = where + ".ranges[" + r++ + "]";
                if (type == null) {
                    throw new OsvFormatException(rwhere + ": no 'type'");
                }
                if (type.equals("GIT")) {
                    continue; // commit ranges say nothing about Maven versions
                }
                ranges.add(new VersionRange(events(rwhere, range.path("events"))));
            }
            List<String> versions = new ArrayList<>();
            a.path("versions").forEach(v -> versions.add(v.asText()));
            affected.add(new Advisory.Affected(name.trim(), ranges, versions));
        }
        return new Advisory(id.trim(), aliases, summary(root), severity(root), text(root, "modified"),
                root.hasNonNull("withdrawn"), affected);
    }

    private static List<RangeEvent> events(String where, JsonNode events) throws OsvFormatException {
        if (!events.isArray() || events.isEmpty()) {
            throw new OsvFormatException(where + ": 'events' is missing or empty");
        }
        List<RangeEvent> out = new ArrayList<>();
        for (JsonNode e : events) {
            RangeEvent event = null;
            for (RangeEvent.Type t : RangeEvent.Type.values()) {
                JsonNode v = e.get(t.json);
                if (v != null) {
                    if (!v.isTextual() || v.asText().isBlank()) {
                        throw new OsvFormatException(where + ": event '" + t.json + "' has no version");
                    }
                    event = RangeEvent.of(t, v.asText());
                }
            }
            if (event == null) {
                throw new OsvFormatException(where + ": event " + e + " is none of introduced, fixed, last_affected, limit");
            }
            out.add(event);
        }
        return out;
    }

    private static String summary(JsonNode root) {
        String s = text(root, "summary");
        if (s == null || s.isBlank()) {
            s = firstLine(text(root, "details"));
        }
        return s == null ? "" : s.trim();
    }

    /** GitHub's rating in {@code database_specific.severity}; unrated advisories count as MEDIUM. */
    private static Severity severity(JsonNode root) {
        String named = text(root.path("database_specific"), "severity");
        if (named != null) {
            try {
                return Severity.parse(named);
            } catch (IllegalArgumentException unrated) {
                return Severity.MEDIUM;
            }
        }
        return Severity.MEDIUM;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        return s.strip().lines().findFirst().orElse(null);
    }
}
