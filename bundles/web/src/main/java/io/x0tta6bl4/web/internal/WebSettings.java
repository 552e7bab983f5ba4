package io.x0tta6bl4.web.internal;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The web bundle's settings. {@link #read} refuses a bad value with one line naming the key,
 * the value and the rule, and keeps that key's last good value.
 */
record WebSettings(String realm, String writeRole, String readRole, boolean sensitiveReads, boolean readyIdentity) {

    static final String PID = "io.x0tta6bl4.web";
    static final WebSettings DEFAULTS = new WebSettings("karaf", "admin", "viewer", true, true);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    static WebSettings read(WebSettings last, Map<String, ?> properties, Consumer<String> warn) {
        return new WebSettings(
                name(properties, "auth.realm", last.realm, warn),
                name(properties, "auth.write.role", last.writeRole, warn),
                name(properties, "auth.read.role", last.readRole, warn),
                bool(properties, "auth.sensitive.reads", last.sensitiveReads, warn),
                bool(properties, "ready.identity", last.readyIdentity, warn));
    }

    private static String name(Map<String, ?> properties, String key, String last, Consumer<String> warn) {
        Object raw = properties.get(key);
        if (raw == null) {
            return last;
        }
        String value = String.valueOf(raw).trim();
        if (!NAME.matcher(value).matches()) {
            warn.accept(PID + ": refusing " + key + " = '" + raw + "': expected 1-64 letters, digits, '_', '.' or '-';"
                    + " keeping '" + last + "'");
            return last;
        }
        return value;
    }

    private static boolean bool(Map<String, ?> properties, String key, boolean last, Consumer<String> warn) {
        Object raw = properties.get(key);
        if (raw == null) {
            return last;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        String value = String.valueOf(raw).trim();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        warn.accept(PID + ": refusing " + key + " = '" + raw + "': expected true or false; keeping " + last);
        return last;
    }
}
