package io.x0tta6bl4.scanner.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.ScanReport;
import io.x0tta6bl4.api.scanner.Severity;

/**
 * A scan report as SARIF 2.1.0: one run per scanner, one rule per finding id, one result per
 * finding with the subject as its logical location.
 */
public final class Sarif {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Sarif() {
    }

    public static String write(ScanReport report, String toolVersion) throws Exception {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ArrayNode runs = root.putArray("runs");
        Map<String, List<Finding>> byScanner = new LinkedHashMap<>();
        for (String s : report.scanners()) {
            byScanner.put(s, new ArrayList<>());
        }
        for (Finding f : report.findings()) {
            byScanner.computeIfAbsent(f.scanner(), k -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<Finding>> e : byScanner.entrySet()) {
            ObjectNode run = runs.addObject();
            ObjectNode driver = run.putObject("tool").putObject("driver");
            driver.put("name", "x0tta6bl4-scanner/" + e.getKey());
            driver.put("version", toolVersion);
            ArrayNode rules = driver.putArray("rules");
            Map<String, Integer> ruleIndex = new LinkedHashMap<>();
            ArrayNode results = run.putArray("results");
            for (Finding f : e.getValue()) {
                Integer idx = ruleIndex.get(f.id());
                if (idx == null) {
                    idx = ruleIndex.size();
                    ruleIndex.put(f.id(), idx);
                    ObjectNode rule = rules.addObject();
                    rule.put("id", f.id());
                    rule.putObject("shortDescription").put("text", f.title());
                    rule.putObject("help").put("text", f.fix());
                    rule.putObject("defaultConfiguration").put("level", level(f.severity()));
                    rule.putObject("properties").put("security-severity", securitySeverity(f.severity()));
                }
                ObjectNode r = results.addObject();
                r.put("ruleId", f.id());
                r.put("ruleIndex", idx);
                r.put("level", level(f.severity()));
                r.putObject("message").put("text", f.title() + " — " + f.evidence() + ". Fix: " + f.fix());
                ObjectNode loc = r.putArray("locations").addObject();
                loc.putArray("logicalLocations").addObject().put("fullyQualifiedName", f.subject());
                r.putObject("partialFingerprints").put("findingKey/v1", f.key());
                r.putObject("properties").put("kind", f.kind().name()).put("severity", f.severity().name());
            }
            String error = report.errors().get(e.getKey());
            ObjectNode invocation = run.putArray("invocations").addObject();
            invocation.put("executionSuccessful", error == null);
            if (error != null) {
                invocation.putArray("toolExecutionNotifications").addObject().putObject("message").put("text", error);
            }
        }
        return MAPPER.writeValueAsString(root);
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** The 0-10 score code scanning platforms sort by. */
    static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "7.5";
            case MEDIUM -> "5.0";
            case LOW -> "2.5";
            case INFO -> "0.0";
        };
    }
}
