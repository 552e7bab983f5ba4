package io.x0tta6bl4.api.topology;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of a mesh node: a batman-adv originator MAC, a simulator name or any other
 * provider-chosen token. Ids are case-insensitive for MAC addresses, so they are kept
 * lower case.
 */
public record NodeId(String value) implements Comparable<NodeId> {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,63}");

    public NodeId {
        Objects.requireNonNull(value, "node id");
        value = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid node id '" + value
                    + "': expected 1-64 characters of letters, digits, '.', '_', ':' or '-'");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
