package io.x0tta6bl4.scanner.internal.osv;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * An immutable, in-memory index of OSV advisories by Maven package ({@code groupId:artifactId}).
 * A lookup touches only the advisories of one package, so a scan costs the number of
 * components times the few advisories each package has, not times the whole database.
 */
public final class OsvDatabase {

    /** A match: the advisory, which of its ranges or versions matched, and the first fixed version. */
    public record Match(Advisory advisory, String packageName, String version, String matched, String fixedIn) {
    }

    private record Entry(Advisory advisory, Advisory.Affected affected) {
    }

    public static final OsvDatabase EMPTY = new OsvDatabase(List.of(), null, "none");

    private final Map<String, List<Entry>> byPackage;
    /** Package names by artifact id, for coordinates whose group could not be derived. */
    private final Map<String, List<String>> byArtifact;
    private final int advisories;
    private final int withdrawn;
    private final Instant importedAt;
    private final String source;
    private final String newestModified;

    public OsvDatabase(Collection<Advisory> all, Instant importedAt, String source) {
        Map<String, List<Entry>> index = new HashMap<>();
        int w = 0;
        String newest = null;
        for (Advisory a : all) {
            if (a.withdrawn()) {
                w++;
            }
            if (a.modified() != null && (newest == null || a.modified().compareTo(newest) > 0)) {
                newest = a.modified();
            }
            for (Advisory.Affected af : a.affected()) {
                index.computeIfAbsent(af.packageName(), k -> new ArrayList<>(2)).add(new Entry(a, af));
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byPackage = Map.copyOf(index);
        Map<String, List<String>> artifacts = new HashMap<>();
        for (String pkg : index.keySet()) {
            artifacts.computeIfAbsent(pkg.substring(pkg.indexOf(':') + 1), k -> new ArrayList<>(1)).add(pkg);
        }
        artifacts.replaceAll((k, v) -> List.copyOf(v));
        this.byArtifact = Map.copyOf(artifacts);
        this.advisories = all.size();
        this.withdrawn = w;
        this.importedAt = importedAt;
        this.source = source;
        this.newestModified = newest;
    }

    /** The advisories that affect this version of the package; withdrawn advisories never match. */
    public List<Match> match(String packageName, String version) {
        List<Entry> entries = byPackage.get(packageName);
        if (entries == null) {
            return List.of();
        }
        ComparableVersion v = MavenVersions.parse(version);
        List<Match> out = new ArrayList<>(1);
        for (Entry e : entries) {
            if (e.advisory().withdrawn()) {
                continue;
            }
            Match m = matchOne(e, packageName, version, v);
            if (m != null && out.stream().noneMatch(o -> o.advisory().id().equals(m.advisory().id()))) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The advisories that affect this version of any package with this artifact id: for a
     * coordinate derived without its group (a jar with no Maven record), so a finding on it
     * is a lead to confirm, and says so.
     */
    public List<Match> matchArtifact(String artifactId, String version) {
        List<Match> out = new ArrayList<>(1);
        for (String pkg : byArtifact.getOrDefault(artifactId, List.of())) {
            for (Match m : match(pkg, version)) {
                if (out.stream().noneMatch(o -> o.advisory().id().equals(m.advisory().id()))) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    static Match matchOne(Entry e, String packageName, String version, ComparableVersion v) {
        for (String listed : e.affected().versions()) {
            if (listed.equals(version) || MavenVersions.parse(listed).equals(v)) {
                String fixed = null;
                for (VersionRange r : e.affected().ranges()) {
                    fixed = fixed == null ? r.fixedAfter(v) : fixed;
                }
                return new Match(e.advisory(), packageName, version, "listed version " + listed, fixed);
            }
        }
        for (VersionRange r : e.affected().ranges()) {
            if (r.affects(v)) {
                return new Match(e.advisory(), packageName, version, r.describe(), r.fixedAfter(v));
            }
        }
        return null;
    }

    /**
     * The naive way, kept as the benchmark's peer and as the unit tests' oracle: every
     * advisory's every affected entry is compared with the package name.
     */
    public static List<Match> matchLinear(Collection<Advisory> all, String packageName, String version) {
        ComparableVersion v = MavenVersions.parse(version);
        List<Match> out = new ArrayList<>();
        for (Advisory a : all) {
            if (a.withdrawn()) {
                continue;
            }
            for (Advisory.Affected af : a.affected()) {
                if (af.packageName().equals(packageName)) {
                    Match m = matchOne(new Entry(a, af), packageName, version, v);
                    if (m != null) {
                        out.add(m);
                        break;
                    }
                }
            }
        }
        return out;
    }

    public int advisories() {
        return advisories;
    }

    public int withdrawn() {
        return withdrawn;
    }

    public int packages() {
        return byPackage.size();
    }

    /** When it was imported, or null for the empty database. */
    public Instant importedAt() {
        return importedAt;
    }

    public String source() {
        return source;
    }

    /** The latest {@code modified} of its advisories, or null. */
    public String newestModified() {
        return newestModified;
    }
}
