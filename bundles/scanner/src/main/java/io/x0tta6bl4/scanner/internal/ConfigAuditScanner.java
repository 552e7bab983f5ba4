package io.x0tta6bl4.scanner.internal;

import java.nio.file.Path;
import java.util.List;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.Scanner;
import io.x0tta6bl4.scanner.internal.audit.ConfigAudit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The configuration audit of {@code ${karaf.etc}} and of what is installed, as a scanner. */
@Component(service = Scanner.class, property = Scanner.NAME + "=" + ConfigAudit.NAME)
public class ConfigAuditScanner implements Scanner {

    private final ConfigAudit audit;

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
        });
    }

    @Override
    public List<Finding> scan() throws Exception {
        return audit.scan();
    }
}
