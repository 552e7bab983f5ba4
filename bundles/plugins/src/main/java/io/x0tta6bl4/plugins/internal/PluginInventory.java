package io.x0tta6bl4.plugins.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.healing.AnomalyDetector;
import io.x0tta6bl4.api.healing.DetectorInfo;
import io.x0tta6bl4.api.healing.HealingService;
import io.x0tta6bl4.api.healing.HealingStats;

import org.apache.karaf.bundle.core.BundleService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Finds the installed plugins: bundles that are not x0tta6bl4's own (symbolic name outside
 * {@code io.x0tta6bl4.}) and either import the x0tta6bl4 API or register a service of one of
 * its extension points. Says what each provides and, when it does not run, why: the
 * requirement the resolver could not satisfy, a component that failed to activate or lacks a
 * reference. Runs on the caller's thread and reads only framework state.
 */
@Component(service = PluginInventory.class)
public class PluginInventory {

    static final String CORE_PREFIX = "io.x0tta6bl4.";
    static final String API_PACKAGE = "io.x0tta6bl4.api";

    private final BundleContext context;
    private final BundleService bundles;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ServiceComponentRuntime scr;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HealingService healing;

    @Activate
    public PluginInventory(BundleContext context, @Reference BundleService bundles) {
        this.context = context;
        this.bundles = bundles;
    }

    /** Every plugin, by bundle id. */
    public List<PluginInfo> plugins() {
        HealingStats stats = statsOrNull();
        Map<String, DetectorInfo> detectors = detectorsOrEmpty();
        List<PluginInfo> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() == 0 || isCore(b.getSymbolicName())) {
                continue;
            }
            List<String> provides = provides(b, stats, detectors);
            if (provides.isEmpty() && !importsApi(b.getHeaders().get(Constants.IMPORT_PACKAGE))) {
                continue;
            }
            out.add(new PluginInfo(b.getBundleId(), String.valueOf(b.getSymbolicName()), b.getVersion().toString(),
                    state(b.getState()), provides, join(problem(b), stuckDetectors(b, detectors))));
        }
        out.sort(Comparator.comparingLong(PluginInfo::bundleId));
        return out;
    }

    static boolean isCore(String symbolicName) {
        return symbolicName != null && symbolicName.startsWith(CORE_PREFIX);
    }

    static boolean importsApi(String importPackage) {
        return importPackage != null && importPackage.contains(API_PACKAGE);
    }

    private List<String> provides(Bundle b, HealingStats stats, Map<String, DetectorInfo> detectors) {
        List<String> out = new ArrayList<>();
        ServiceReference<?>[] refs = b.getState() == Bundle.ACTIVE ? b.getRegisteredServices() : null;
        if (refs == null) {
            return out;
        }
        for (ServiceReference<?> ref : refs) {
            String[] types = (String[]) ref.getProperty(Constants.OBJECTCLASS);
            for (String spi : SpiCatalog.describe(types, ref::getProperty)) {
                out.add(withDetectorStats(withStats(spi, stats), detectors));
            }
        }
        out.sort(null);
        return out;
    }

    /** A remediation action's runs and failures as the healing loop counted them. */
    private static String withStats(String spi, HealingStats stats) {
        String prefix = "RemediationAction ";
        if (stats == null || !spi.startsWith(prefix)) {
            return spi;
        }
        HealingStats.ActionStats a = stats.perAction().get(spi.substring(prefix.length()));
        return a == null ? spi : spi + " (runs " + a.executions() + ", failed " + a.failures() + ")";
    }

    /** An anomaly detector's cut-off samples, skips and failures as the healing loop counted them. */
    private static String withDetectorStats(String spi, Map<String, DetectorInfo> detectors) {
        String prefix = "AnomalyDetector ";
        DetectorInfo d = spi.startsWith(prefix) ? detectors.get(spi.substring(prefix.length())) : null;
        return d == null ? spi
                : spi + " (cut off " + d.timeouts() + ", skipped " + d.skipped() + ", failed " + d.failures() + ")";
    }

    /** The bundle's anomaly detectors whose call is running past the healing loop's deadline now. */
    private static String stuckDetectors(Bundle b, Map<String, DetectorInfo> detectors) {
        ServiceReference<?>[] refs = b.getState() == Bundle.ACTIVE ? b.getRegisteredServices() : null;
        List<String> out = new ArrayList<>();
        for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
            Object name = ref.getProperty(AnomalyDetector.NAME);
            DetectorInfo d = name == null ? null : detectors.get(name.toString());
            if (d != null && d.stuck()) {
                out.add("AnomalyDetector " + d.name() + " does not return: cut off by healing, skipped until it does");
            }
        }
        return String.join("; ", out);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private Map<String, DetectorInfo> detectorsOrEmpty() {
        HealingService h = healing;
        Map<String, DetectorInfo> out = new HashMap<>();
        try {
            if (h != null) {
                h.detectors().forEach(d -> out.put(d.name(), d));
            }
        } catch (RuntimeException e) {
            // healing going away meanwhile: no detector figures
        }
        return out;
    }

    private HealingStats statsOrNull() {
        HealingService h = healing;
        try {
            return h == null ? null : h.stats();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String problem(Bundle b) {
        if (b.getState() == Bundle.INSTALLED) {
            List<BundleRequirement> missing = bundles.getUnsatisfiedRequirements(b, null);
            if (missing.isEmpty()) {
                return "not resolved: " + bundles.getDiag(b).trim().replace('\n', ' ');
            }
            List<String> lines = new ArrayList<>();
            for (BundleRequirement r : missing) {
                lines.add(Requirements.describe(r.getNamespace(), r.getDirectives().get("filter")));
            }
            return "missing " + String.join("; ", lines);
        }
        if (b.getState() == Bundle.RESOLVED && b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
            return "resolved but not started";
        }
        return b.getState() == Bundle.ACTIVE ? componentProblems(b) : "";
    }

    private String componentProblems(Bundle b) {
        ServiceComponentRuntime runtime = scr;
        if (runtime == null) {
            return "";
        }
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO d : runtime.getComponentDescriptionDTOs(b)) {
            if (!runtime.isComponentEnabled(d)) {
                problems.add(d.name + " disabled");
                continue;
            }
            for (ComponentConfigurationDTO c : runtime.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    problems.add(d.name + " failed to activate: " + c.failure.lines().findFirst().orElse(""));
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                    for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                        problems.add(d.name + " waits for " + u.name + " " + u.target);
                    }
                } else if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    problems.add(d.name + " waits for configuration " + String.join(",", d.configurationPid));
                }
            }
        }
        return String.join("; ", problems);
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> String.valueOf(state);
        };
    }
}
