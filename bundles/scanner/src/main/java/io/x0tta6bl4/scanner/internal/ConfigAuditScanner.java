package io.x0tta6bl4.scanner.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.Scanner;
import io.x0tta6bl4.scanner.internal.audit.ConfigAudit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The configuration audit of {@code ${karaf.etc}} and of what is installed, as a scanner. The
 * identity's development mode and the mesh guard's enforcement are asked of the services
 * while they run, so a change made from the shell is seen.
 */
@Component(service = Scanner.class, property = Scanner.NAME + "=" + ConfigAudit.NAME)
public class ConfigAuditScanner implements Scanner {

    private final ConfigAudit audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile IdentityService identity;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile MeshGuard guard;

    @Activate
    public ConfigAuditScanner(BundleContext context) {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        this.audit = new ConfigAudit(etc, prefix -> {
            for (Bundle b : context.getBundles()) {
                String n = b.getSymbolicName();
                if (n != null && n.startsWith(prefix) && b.getState() != Bundle.UNINSTALLED) {
                    return true;
                }
            }
            return false;
        }, new ConfigAudit.InEffect(
                () -> Optional.ofNullable(identity).map(IdentityService::isDevelopment),
                () -> Optional.ofNullable(guard).map(MeshGuard::enforcing)));
    }

    @Override
    public List<Finding> scan() throws Exception {
        return audit.scan();
    }
}
