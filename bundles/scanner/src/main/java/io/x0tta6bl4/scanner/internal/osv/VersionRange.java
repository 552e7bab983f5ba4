package io.x0tta6bl4.scanner.internal.osv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * An OSV range of type ECOSYSTEM (or SEMVER, read with Maven ordering) evaluated as the OSV
 * schema says: events sorted by version; a version is affected after an {@code introduced}
 * at or below it, until a {@code fixed} at or below it or a {@code last_affected} below it;
 * with {@code limit} events it must also lie below one of the limits.
 */
final class VersionRange {

    private final List<RangeEvent> events;
    private final List<RangeEvent> limits;

    VersionRange(List<RangeEvent> events) {
        List<RangeEvent> sorted = new ArrayList<>();
        List<RangeEvent> lim = new ArrayList<>();
        for (RangeEvent e : events) {
            (e.type() == RangeEvent.Type.LIMIT ? lim : sorted).add(e);
        }
        // at equal versions an introduced comes first, so "introduced X, fixed X" affects nothing
        sorted.sort(((Comparator<RangeEvent>) RangeEvent::compareVersion)
                .thenComparing(e -> e.type() == RangeEvent.Type.INTRODUCED ? 0 : 1));
        this.events = List.copyOf(sorted);
        this.limits = List.copyOf(lim);
    }

    /** Its events, limits included. */
    int size() {
        return events.size() + limits.size();
    }

    boolean affects(ComparableVersion v) {
        boolean affected = false;
        for (RangeEvent e : events) {
            int below = e.parsed() == null ? -1 : e.parsed().compareTo(v); // event version vs v
            switch (e.type()) {
                case INTRODUCED -> {
                    if (below <= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (below <= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (below < 0) {
                        affected = false;
                    }
                }
                default -> {
                }
            }
        }
        if (affected && !limits.isEmpty()) {
            affected = limits.stream().anyMatch(l -> l.parsed() != null && v.compareTo(l.parsed()) < 0);
        }
        return affected;
    }

    /** The first {@code fixed} version above {@code v}, or null when the range names none. */
    String fixedAfter(ComparableVersion v) {
        for (RangeEvent e : events) {
            if (e.type() == RangeEvent.Type.FIXED && e.parsed() != null && e.parsed().compareTo(v) > 0) {
                return e.version();
            }
        }
        return null;
    }

    /** The range as Maven writes ranges, e.g. {@code [1.5, 1.10.0)}, for evidence lines. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        String open = null;
        for (RangeEvent e : events) {
            switch (e.type()) {
                case INTRODUCED -> open = MavenVersions.isZero(e.version()) ? "(" : "[" + e.version();
                case FIXED -> {
                    sb.append(sb.length() > 0 ? " " : "").append(open == null ? "(" : open).append(", ")
                            .append(e.version()).append(')');
                    open = null;
                }
                case LAST_AFFECTED -> {
                    sb.append(sb.length() > 0 ? " " : "").append(open == null ? "(" : open).append(", ")
                            .append(e.version()).append(']');
                    open = null;
                }
                default -> {
                }
            }
        }
        if (open != null) {
            sb.append(sb.length() > 0 ? " " : "").append(open).append(", )");
        }
        for (RangeEvent l : limits) {
            sb.append(" limit ").append(l.version());
        }
        return sb.toString();
    }
}
