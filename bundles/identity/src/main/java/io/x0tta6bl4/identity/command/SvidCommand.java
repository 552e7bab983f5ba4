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

@Command(scope = "identity", name = "svid", description = "Shows this node's X.509-SVID: ID, serial, validity and chain")
@Service
public class SvidCommand implements Action {

    @Reference
    IdentityService identity;

    @Reference
    IdentityAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<X509Certificate> chain = admin.chain();
        if (chain.isEmpty()) {
            throw Commands.fail(json, "no SVID: " + identity.stateReason());
        }
        if (json) {
            Certificates.printJson(chain.stream().map(Certificates::json).toList());
            return null;
        }
        System.out.println("SPIFFE ID: " + identity.spiffeId().orElse("-")
                + (identity.isDevelopment() ? " (development identity)" : ""));
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("SUBJECT");
        table.column("ISSUER");
        table.column("SERIAL");
        table.column("NOT BEFORE");
        table.column("NOT AFTER");
        table.column("URI SAN");
        int i = 0;
        for (X509Certificate c : chain) {
            table.addRow().addContent(i++, c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                    c.getSerialNumber().toString(16), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                    Certificates.uris(c));
        }
        table.print(System.out);
        return null;
    }
}
