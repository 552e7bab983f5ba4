package io.x0tta6bl4.ebpf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.x0tta6bl4.api.ebpf.ProgramAudit;
import io.x0tta6bl4.ebpf.internal.elf.BpfFormatException;
import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.BpfProgram;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;
import io.x0tta6bl4.ebpf.internal.validate.Finding;
import io.x0tta6bl4.ebpf.internal.validate.HelperSet;
import io.x0tta6bl4.ebpf.internal.validate.Validator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loading a BPF object the way the guard does: refused by the static validator before the
 * kernel sees it, and mesh_guard with its maps pinned in bpffs so that counters, lists and
 * configuration outlive the bundle. Called on the kernel thread.
 */
final class GuardLoader {

    private static final Logger LOG = LoggerFactory.getLogger(GuardLoader.class);

    private GuardLoader() {
    }

    /** The object's bytes from the bundle. */
    static byte[] resource(String path) throws IOException {
        try (InputStream in = GuardLoader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("the bundle lacks " + path);
            }
            return in.readAllBytes();
        }
    }

    /** Refuses an object the static validator finds fault with, naming the first finding. */
    static void validate(String name, byte[] elf, HelperSet helpers) throws BpfFormatException {
        List<Finding> findings = new Validator(helpers).validate(BpfObjectFile.parse(elf));
        if (!findings.isEmpty()) {
            throw new BpfFormatException(name + " refused by the static validator: " + findings.get(0)
                    + (findings.size() > 1 ? " (and " + (findings.size() - 1) + " more)" : ""));
        }
    }

    /**
     * Loads mesh_guard with its maps pinned under {@code pins} (null: not pinned): a compatible
     * map pinned by the previous run is reused. Maps that cannot be reused (another layout) are
     * unpinned and made anew; where nothing can be pinned (no bpffs) the maps live only as long
     * as the bundle. A verifier refusal is thrown as it is, whatever the pins.
     *
     * @param reused told of the object when its maps were reused with their contents
     */
    static BpfObject loadPinned(Libbpf lib, byte[] elf, Path pins, Consumer<BpfObject> reused) throws BpfException {
        if (pins == null) {
            return BpfObject.load(lib, GuardMaps.PROGRAM, elf);
        }
        boolean reuse = Files.exists(pins.resolve(GuardMaps.PEER_STATS));
        try {
            Files.createDirectories(pins);
            BpfObject o = BpfObject.load(lib, GuardMaps.PROGRAM, elf, pins);
            LOG.info("mesh_guard's maps pinned in {} ({})", pins, reuse ? "reused with their contents" : "new");
            if (reuse) {
                reused.accept(o);
            }
            return o;
        } catch (BpfException e) {
            if (e.verifierLog() != null) {
                throw e;
            }
            LOG.warn("mesh_guard's maps in {} cannot be pinned or reused ({}): unpinned, loading with new maps",
                    pins, e.getMessage());
        } catch (IOException e) {
            LOG.warn("mesh_guard's maps not pinned, {} cannot be made: {}", pins, e.toString());
            return BpfObject.load(lib, GuardMaps.PROGRAM, elf);
        }
        unpin(pins);
        try {
            Files.createDirectories(pins);
            return BpfObject.load(lib, GuardMaps.PROGRAM, elf, pins);
        } catch (BpfException | IOException e) {
            if (e instanceof BpfException b && b.verifierLog() != null) {
                throw b;
            }
            LOG.warn("mesh_guard's maps not pinned ({}): counters start from zero after an update", e.getMessage());
            return BpfObject.load(lib, GuardMaps.PROGRAM, elf);
        }
    }

    /** Removes the pins in {@code pins} and the folder; a failure is logged. */
    static void unpin(Path pins) {
        try (var files = Files.list(pins)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(pins);
        } catch (IOException e) {
            LOG.warn("Could not remove the pins in {}: {}", pins, e.toString());
        }
    }

    /**
     * The validator's findings on a loaded object, per program, for the scanner's audit.
     *
     * @param elf the bytes the object was loaded from, or null when they are not available
     */
    static void audit(BpfObject o, byte[] elf, List<String> attached, HelperSet helpers, List<ProgramAudit> out) {
        List<Finding> findings = List.of();
        String unreadable = null;
        try {
            findings = elf == null ? List.of() : new Validator(helpers).validate(BpfObjectFile.parse(elf));
            unreadable = elf == null ? "the object's bytes are not available" : null;
        } catch (BpfFormatException e) {
            unreadable = e.getMessage();
        }
        for (BpfProgram p : o.programs()) {
            List<String> lines = new ArrayList<>();
            if (unreadable != null) {
                lines.add(unreadable);
            }
            findings.stream().filter(f -> f.wholeObject() || f.section().equals(p.section()))
                    .forEach(f -> lines.add(f.toString()));
            out.add(new ProgramAudit(o.name(), p.name(), p.section(), p.instructions(), attached, lines));
        }
    }
}
