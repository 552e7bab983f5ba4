package io.x0tta6bl4.plugins.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a requirement the resolver could not satisfy into words an operator can act on. */
final class Requirements {

    private static final Pattern ATTRIBUTE = Pattern.compile("\\(([\\w.:-]+)([<>]?=)([^()]*)\\)");

    private Requirements() {
    }

    /**
     * For example {@code package org.foo version>=1.2.0 !version>=2.0.0}, or the namespace and
     * filter as they are when the filter is not a simple conjunction.
     */
    static String describe(String namespace, String filter) {
        if (filter == null) {
            return namespace;
        }
        String key = switch (namespace) {
            case "osgi.wiring.package" -> "package";
            case "osgi.wiring.bundle" -> "bundle";
            case "osgi.service" -> "service";
            case "osgi.extender" -> "extender";
            case "osgi.ee" -> "execution environment";
            default -> namespace;
        };
        StringBuilder out = new StringBuilder(key);
        Matcher m = ATTRIBUTE.matcher(filter);
        boolean any = false;
        while (m.find()) {
            any = true;
            int at = m.start();
            boolean negated = at >= 2 && filter.startsWith("(!", at - 2);
            String attr = m.group(1);
            if (attr.equals(namespace) || attr.equals("objectClass")) {
                out.append(' ').append(m.group(3));
            } else {
                out.append(' ').append(negated ? "!" : "").append(attr).append(m.group(2)).append(m.group(3));
            }
        }
        return any ? out.toString() : namespace + " " + filter;
    }
}
