package io.x0tta6bl4.ebpf.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.x0tta6bl4.ebpf.internal.EbpfAdmin;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.support.shell.Commands;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "ebpf", name = "load", description = "Reloads mesh_guard, or validates and loads a BPF object file into the kernel")
@Service
public class LoadCommand implements Action {

    @Reference
    EbpfAdmin admin;

    @Argument(index = 0, name = "file", required = false,
            description = "A BPF object to load (not attached); without it mesh_guard is reloaded and re-attached")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws Exception {
        try {
            List<EbpfAdmin.ProgramInfo> loaded;
            if (file == null) {
                loaded = List.of(admin.reload());
            } else {
                byte[] elf;
                try {
                    elf = Files.readAllBytes(Path.of(file));
                } catch (IOException e) {
                    throw Commands.fail("cannot read " + file + ": " + Commands.why(e));
                } catch (RuntimeException e) {
                    throw Commands.fail("cannot read " + file + ": " + e.getMessage());
                }
                loaded = admin.loadFile(Path.of(file).getFileName().toString(), elf);
            }
            for (EbpfAdmin.ProgramInfo p : loaded) {
                System.out.println("Loaded " + p.name() + " (" + p.section() + ", " + p.instructions()
                        + " instructions, fd " + p.fd() + ")");
            }
            return null;
        } catch (BpfException e) {
            if (e.verifierLog() != null) {
                // the kernel's reasons, before the one line that says the load failed
                System.out.println(e.verifierLog());
            }
            throw Commands.fail(e);
        } catch (Exception e) {
            throw Commands.fail(e);
        }
    }
}
