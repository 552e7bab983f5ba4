package io.x0tta6bl4.ebpf.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.ebpf.internal.elf.BpfFormatException;
import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.elf.ProgramSection;
import io.x0tta6bl4.ebpf.internal.validate.Finding;
import io.x0tta6bl4.ebpf.internal.validate.HelperSet;
import io.x0tta6bl4.ebpf.internal.validate.Validator;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "ebpf", name = "validate", description = "Runs the static validator over a BPF object file")
@Service
public class ValidateCommand implements Action {

    @Reference
    EbpfAdmin admin;

    @Argument(index = 0, name = "file", required = true, description = "The BPF ELF object (.o)")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws Exception {
        byte[] elf;
        try {
            elf = Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw Commands.fail("cannot read " + file + ": " + Commands.why(e));
        } catch (RuntimeException e) {
            throw Commands.fail("cannot read " + file + ": " + e.getMessage());
        }
        BpfObjectFile o;
        try {
            o = BpfObjectFile.parse(elf);
        } catch (BpfFormatException e) {
            throw Commands.fail(file + " is not a valid BPF object: " + e.getMessage());
        }
        HelperSet helpers;
        try {
            helpers = admin.helpers();
        } catch (Exception e) {
            helpers = HelperSet.builtIn("kernel not probed: " + e.getMessage());
        }
        List<Finding> findings = new Validator(helpers).validate(o);
        ShellTable sections = new ShellTable();
        sections.column("SECTION");
        sections.column("INSNS").alignRight();
        sections.column("RELOCATIONS").alignRight();
        for (ProgramSection p : o.programs()) {
            sections.addRow().addContent(p.name(), p.instructionCount(), p.relocations().size());
        }
        sections.print(System.out);
        System.out.println("Maps: " + String.join(", ", o.maps()) + "; BTF: " + (o.hasBtf() ? "yes" : "no")
                + "; license: " + o.license().orElse("none"));
        System.out.println("Helpers: " + helpers.source());
        if (findings.isEmpty()) {
            System.out.println("OK: no findings");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("SECTION");
        table.column("INSN").alignRight();
        table.column("RULE");
        table.column("FINDING");
        for (Finding f : findings) {
            table.addRow().addContent(f.section(), f.wholeObject() ? "-" : f.instruction(), f.rule(), f.message());
        }
        table.print(System.out);
        throw Commands.fail(findings.size() + " findings: " + file + " would be refused");
    }
}
