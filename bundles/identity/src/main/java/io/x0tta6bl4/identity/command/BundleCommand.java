package io.x0tta6bl4.identity.command;

import java.security.cert.X509Certificate;
import java.util.List;

import io.x0tta6bl4.api.identity.IdentityService;
import io.x0tta6bl4.identity.internal.IdentityAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "identity", name = "bundle", description = "Lists the trust bundle: the CAs peers' SVIDs must chain to")
@Service
public class BundleCommand implements Action {

    @Reference
    IdentityService identity;

    @Reference
    IdentityAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<X509Certificate> bundle = admin.bundle();
        if (bundle.isEmpty()) {
            throw Commands.fail(json, "no trust bundle: " + identity.stateReason());
        }
        if (json) {
            Certificates.printJson(bundle.stream().map(Certificates::json).toList());
            return null;
        }
        System.out.println("Trust domain: " + admin.trustDomain().orElse("-"));
        ShellTable table = new ShellTable();
        table.column("SUBJECT");
        table.column("NOT AFTER");
        table.column("SHA-256");
        for (X509Certificate c : bundle) {
            table.addRow().addContent(c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant(),
                    Certificates.fingerprint(c));
        }
        table.print(System.out);
        return null;
    }
}
