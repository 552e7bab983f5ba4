package io.x0tta6bl4.scanner.internal;

import java.util.List;

import io.x0tta6bl4.scanner.internal.sbom.Component;
import io.x0tta6bl4.scanner.internal.sbom.Inventory;

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

    /** Reads jars and hashes of bundles it has not seen yet: call it off DS and event threads. */
    public List<Component> components() {
        return inventory.components(context);
    }

    /** The components as a CycloneDX JSON document. */
    public String cycloneDx(List<Component> components) throws Exception {
        return io.x0tta6bl4.scanner.internal.report.CycloneDx.json(components,
                context.getBundle().getVersion().toString());
    }
}
