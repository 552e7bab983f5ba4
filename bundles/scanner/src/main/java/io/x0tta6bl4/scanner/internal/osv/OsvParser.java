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
 * the file and the field. So is a field over its bound in {@link OsvLimits} (a version longer
 * than {@link OsvLimits#MAX_VERSION}, too many versions or aliases, an over-long id, package
 * name or summary): the message names the advisory, the field and the bound.
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
        if (id.length() > OsvLimits.MAX_ID) {
            throw new OsvFormatException(file + ": 'id' of " + id.length() + " characters is longer than "
                    + OsvLimits.MAX_ID);
        }
        String advisory = file + " (" + id.trim() + ")";
        JsonNode aliasNodes = root.path("aliases");
        if (aliasNodes.size() > OsvLimits.MAX_ALIASES) {
            throw new OsvFormatException(advisory + ": " + aliasNodes.size() + " aliases, more than "
                    + OsvLimits.MAX_ALIASES);
        }
        List<String> aliases = new ArrayList<>();
        for (JsonNode a : aliasNodes) {
            aliases.add(bounded(advisory, "alias", a.asText(), OsvLimits.MAX_ID));
        }
        int[] versionCount = {0};
        List<Advisory.Affected> affected = new ArrayList<>();
        JsonNode aff = root.path("affected");
        if (!aff.isMissingNode() && !aff.isArray()) {
            throw new OsvFormatException(file + ": 'affected' is not an array");
        }
        int i = 0;
        for (JsonNode a : aff) {
            String where = advisory + ": affected[" + i++ + "]";
            JsonNode pkg = a.path("package");
            if (!"Maven".equals(text(pkg, "ecosystem"))) {
                continue;
            }
            String name = text(pkg, "name");
            if (name != null) {
                bounded(where, "package name", name, OsvLimits.MAX_PACKAGE);
            }
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
                ranges.add(new VersionRange(events(rwhere, range.path("events"), versionCount)));
            }
            List<String> versions = new ArrayList<>();
            for (JsonNode v : a.path("versions")) {
                count(where, versionCount);
                versions.add(bounded(where + ".versions", "version", v.asText(), OsvLimits.MAX_VERSION));
            }
            affected.add(new Advisory.Affected(name.trim(), ranges, versions));
        }
        String modified = text(root, "modified");
        if (modified != null) {
            bounded(advisory, "modified", modified, OsvLimits.MAX_SHORT_TEXT);
        }
        return new Advisory(id.trim(), aliases, summary(advisory, root), severity(root), modified,
                root.hasNonNull("withdrawn"), affected);
    }

    /** The value, or a refusal naming the advisory, the field and the bound when it is longer. */
    private static String bounded(String where, String field, String value, int max) throws OsvFormatException {
        if (value.length() > max) {
            throw new OsvFormatException(where + ": " + field + " of " + value.length()
                    + " characters is longer than " + max);
        }
        return value;
    }

    private static void count(String where, int[] versionCount) throws OsvFormatException {
        if (++versionCount[0] > OsvLimits.MAX_VERSIONS_PER_ADVISORY) {
            throw new OsvFormatException(where + ": more than " + OsvLimits.MAX_VERSIONS_PER_ADVISORY
                    + " versions in one advisory");
        }
    }

    private static List<RangeEvent> events(String where, JsonNode events, int[] versionCount)
            throws OsvFormatException {
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
                    count(where, versionCount);
                    event = RangeEvent.of(t, bounded(where, "'" + t.json + "' version", v.asText(),
                            OsvLimits.MAX_VERSION));
                }
            }
            if (event == null) {
                String shown = e.toString();
                throw new OsvFormatException(where + ": event " + (shown.length() > 80 ? shown.substring(0, 80) + "..."
                        : shown) + " is none of introduced, fixed, last_affected, limit");
            }
            out.add(event);
        }
        return out;
    }

    private static String summary(String advisory, JsonNode root) throws OsvFormatException {
        String s = text(root, "summary");
        if (s != null && !s.isBlank()) {
            return oneLine(bounded(advisory, "summary", s, OsvLimits.MAX_SUMMARY));
        }
        // a derived one-liner, not a field of its own: long first lines of details are common
        s = firstLine(text(root, "details"));
        if (s == null) {
            return "";
        }
        s = oneLine(s);
        return s.length() > OsvLimits.MAX_SUMMARY ? s.substring(0, OsvLimits.MAX_SUMMARY - 3) + "..." : s;
    }

    /** A summary is a finding's title: one line in a table, tabs and line breaks made spaces. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]+", " ").trim();
    }

    /** GitHub's rating in {@code database_specific.severity}; unrated advisories count as MEDIUM. */
    private static Severity severity(JsonNode root) {
        String named = text(root.path("database_specific"), "severity");
        if (named != null && named.length() <= OsvLimits.MAX_SHORT_TEXT) {
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
