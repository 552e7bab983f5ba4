package io.x0tta6bl4.web.internal;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.x0tta6bl4.support.config.ConfigValues;

/** The web bundle's settings, read under {@link ConfigValues}' refusal rule. */
record WebConfig(String realm, String writeRole, String readRole, boolean sensitiveReads, boolean readyIdentity,
                 int seriesMax, String mapTiles, String mapAttribution) {

    static final String PID = "io.x0tta6bl4.web";
    static final WebConfig DEFAULTS = new WebConfig("karaf", "admin", "viewer", true, true, 10_000, "", "");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** An http(s) tile URL template naming {z}, {x} and {y}; no quotes, spaces or markup. */
    private static final Pattern TILES = Pattern.compile("(https?://[^\\s\"'<>`]{1,500})?");
    private static final Pattern ATTRIBUTION = Pattern.compile("[^\\p{Cntrl}]{0,200}");

    static WebConfig read(WebConfig last, Map<String, ?> properties, Consumer<String> warn) {
        ConfigValues c = new ConfigValues(properties, warn);
        return new WebConfig(
                name(c, "auth.realm", DEFAULTS.realm, last.realm),
                name(c, "auth.write.role", DEFAULTS.writeRole, last.writeRole),
                name(c, "auth.read.role", DEFAULTS.readRole, last.readRole),
                c.bool("auth.sensitive.reads", DEFAULTS.sensitiveReads, last.sensitiveReads),
                c.bool("ready.identity", DEFAULTS.readyIdentity, last.readyIdentity),
                (int) c.whole("metrics.series.max", DEFAULTS.seriesMax, 0, 1_000_000, last.seriesMax),
                tiles(c, last.mapTiles),
                matching(c, "map.attribution", "", ATTRIBUTION, "must be at most 200 characters, no control characters",
                        last.mapAttribution));
    }

    private static String tiles(ConfigValues c, String last) {
        String value = matching(c, "map.tiles", "", TILES,
                "must be empty or an http(s) URL of at most 500 characters without spaces, quotes or '<>'", last);
        if (!value.isEmpty() && !(value.contains("{z}") && value.contains("{x}") && value.contains("{y}"))) {
            c.refuse("map.tiles", value, "must name {z}, {x} and {y}", last);
            return last;
        }
        return value;
    }

    private static String name(ConfigValues c, String key, String dflt, String last) {
        return matching(c, key, dflt, NAME, "must be 1-64 letters, digits, '_', '.' or '-'", last);
    }

    private static String matching(ConfigValues c, String key, String dflt, Pattern rule, String text, String last) {
        String value = c.string(key, dflt);
        if (!rule.matcher(value).matches()) {
            c.refuse(key, c.raw(key), text, last);
            return last;
        }
        return value;
    }
}
