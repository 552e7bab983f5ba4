package io.x0tta6bl4.scanner.internal;

import java.util.ArrayList;
import java.util.List;

import io.x0tta6bl4.scanner.internal.report.CycloneDx;
import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.scanner.internal.sbom.Inventory;
import io.x0tta6bl4.scanner.internal.sbom.Platform;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;

/** The bill of materials of this container, for the bundle scanner and {@code scan:sbom}. */
@org.osgi.service.component.annotations.Component(service = SbomService.class)
public class SbomService {

    private final BundleContext context;
    private final Inventory inventory = new Inventory();

    @Activate
    public SbomService(BundleContext context) {
        this.context = context;
    }

    /**
     * The platform (Karaf release, Java runtime) and every bundle. Reads jars and hashes of
     * bundles it has not seen yet: call it off DS and event threads.
     */
    public List<Component> components() {
        List<Component> out = new ArrayList<>(Platform.components(this::property));
        out.addAll(inventory.components(context));
        return out;
    }

    private String property(String key) {
        String v = context.getProperty(key);
        return v != null ? v : System.getProperty(key);
    }

    /** The components as a CycloneDX JSON document. */
    public String cycloneDx(List<Component> components) throws Exception {
        return CycloneDx.json(components,
                context.getBundle().getVersion().toString());
    }
}
