package io.x0tta6bl4.ebpf.command;

import java.util.LinkedHashMap;
import java.util.Map;

import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "ebpf", name = "programs", description = "Lists the loaded eBPF programs, their attachments and the guard's status")
@Service
public class ProgramsCommand implements Action {

    @Reference
    EbpfAdmin admin;

    @Option(name = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws Exception {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", admin.status());
            m.put("programs", admin.programs());
            m.put("attachments", admin.attachments());
            Commands.json(m);
            return null;
        }
        System.out.println("Status: " + admin.status());
        ShellTable table = new ShellTable();
        table.column("OBJECT");
        table.column("PROGRAM");
        table.column("SECTION");
        table.column("FD").alignRight();
        table.column("INSNS").alignRight();
        table.column("ATTACHED TO");
        for (EbpfAdmin.ProgramInfo p : admin.programs()) {
            table.addRow().addContent(p.object(), p.name(), p.section(), p.fd(), p.instructions(),
                    String.join(",", p.attachedTo()));
        }
        table.print(System.out);
        if (!admin.attachments().isEmpty()) {
            ShellTable at = new ShellTable();
            at.column("INTERFACE");
            at.column("MODE");
            at.column("ERROR");
            for (EbpfAdmin.Attachment a : admin.attachments()) {
                at.addRow().addContent(a.spec(), a.mode(), a.error() == null ? "" : a.error());
            }
            at.print(System.out);
        }
        return null;
    }
}
