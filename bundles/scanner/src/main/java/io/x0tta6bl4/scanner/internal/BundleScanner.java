package io.x0tta6bl4.scanner.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.FindingKind;
import io.x0tta6bl4.api.scanner.Scanner;
import io.x0tta6bl4.api.scanner.Severity;
import io.x0tta6bl4.scanner.internal.osv.OsvDatabase;
import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.scanner.internal.sbom.Confidence;
import io.x0tta6bl4.scanner.internal.sbom.Coordinates;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/**
 * Installed bundles (and the jars embedded in them) and the Karaf release against the OSV
 * database: one finding per advisory and component. An empty or stale database is itself a finding.
 */
@org.osgi.service.component.annotations.Component(service = Scanner.class,
        property = Scanner.NAME + "=" + BundleScanner.NAME)
public class BundleScanner implements Scanner {

    public static final String NAME = "bundles";

    private final SbomService sbom;
    private final VulnerabilityDatabase database;

    @Activate
    public BundleScanner(@Reference SbomService sbom, @Reference VulnerabilityDatabase database) {
        this.sbom = sbom;
        this.database = database;
    }

    @Override
    public List<Finding> scan() {
        List<Finding> out = new ArrayList<>(match(sbom.components(), database.current()));
        VulnerabilityDatabase.Status s = database.status();
        if (s.advisories() == 0) {
            out.add(new Finding("SCAN-DB-EMPTY", FindingKind.MISCONFIGURATION, Severity.MEDIUM, s.dir(),
                    "no OSV advisories: installed bundles are not checked for known vulnerabilities",
                    "database " + s.state(), "import the OSV Maven export: scan:db-import <all.zip>", NAME));
        } else if (s.stale()) {
            out.add(new Finding("SCAN-DB-STALE", FindingKind.MISCONFIGURATION, Severity.MEDIUM, s.dir(),
                    "the OSV database is older than " + s.maxAgeDays() + " days",
                    "imported " + s.importedAt() + " (" + s.age().toDays() + " days ago), " + s.advisories()
                            + " advisories", "import a current OSV Maven export: scan:db-import <all.zip>", NAME));
        }
        return out;
    }

    /**
     * One finding per advisory and component; the evidence lists every matching coordinate. A
     * coordinate whose group could not be derived is matched by its artifact id.
     */
    public static List<Finding> match(List<Component> components, OsvDatabase db) {
        return matchEach(components, k -> k.groupId() == null ? db.matchArtifact(k.artifactId(), k.version())
                : db.match(k.packageName(), k.version()));
    }

    /**
     * The same with any way to find the advisories of a package version (the benchmark's peer);
     * coordinates without a group are not matched.
     */
    public static List<Finding> match(List<Component> components,
                                      BiFunction<String, String, List<OsvDatabase.Match>> matcher) {
        return matchEach(components, k -> k.groupId() == null ? List.of() : matcher.apply(k.packageName(), k.version()));
    }

    private static List<Finding> matchEach(List<Component> components,
                                           Function<Coordinates, List<OsvDatabase.Match>> matcher) {
        List<Finding> out = new ArrayList<>();
        for (Component c : components) {
            Map<String, List<OsvDatabase.Match>> byAdvisory = new LinkedHashMap<>();
            Map<String, Coordinates> firstCoords = new LinkedHashMap<>();
            for (Coordinates coords : c.coordinates()) {
                for (OsvDatabase.Match m : matcher.apply(coords)) {
                    byAdvisory.computeIfAbsent(m.advisory().id(), k -> new ArrayList<>()).add(m);
                    firstCoords.putIfAbsent(m.advisory().id(), coords);
                }
            }
            for (Map.Entry<String, List<OsvDatabase.Match>> e : byAdvisory.entrySet()) {
                out.add(finding(c, e.getValue(), firstCoords.get(e.getKey())));
            }
        }
        return out;
    }

    private static Finding finding(Component c, List<OsvDatabase.Match> matches, Coordinates coords) {
        OsvDatabase.Match first = matches.get(0);
        List<String> evidence = new ArrayList<>();
        for (OsvDatabase.Match m : matches) {
            String line = m.packageName() + ":" + m.version() + " in " + m.matched();
            if (!evidence.contains(line)) {
                evidence.add(line);
            }
        }
        String where = coords.embedded() ? " (embedded " + coords.origin() + ")" : "";
        if (coords.confidence() != Confidence.HIGH) {
            where += " (coordinate of " + coords.confidence().label() + " confidence, " + coords.provenance() + ")";
        }
        String aliases = first.advisory().aliases().isEmpty() ? "" : " (" + String.join(", ", first.advisory().aliases()) + ")";
        // an advisory's fixed version is often not spelled as published (9.4.52 for 9.4.52.v20230823)
        String fix = first.fixedIn() == null
                ? "no fixed version known: remove or replace " + first.packageName()
                : "upgrade " + first.packageName() + " to a version at or above " + first.fixedIn();
        return new Finding(first.advisory().id(), FindingKind.VULNERABILITY, first.advisory().severity(), c.subject(),
                first.advisory().summary() + aliases, String.join("; ", evidence) + where, fix, NAME);
    }
}
