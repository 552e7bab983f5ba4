package io.x0tta6bl4.ebpf.internal.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A BPF object loaded into the kernel through libbpf: its programs and maps. Closing it
 * releases every program and map fd it holds (links are separate, see {@link XdpLink}).
 */
public final class BpfObject implements AutoCloseable {

    /** Size of the verifier log buffer per program. */
    public static final int LOG_SIZE = 1 << 20;

    private final Libbpf lib;
    private final String name;
    private Pointer obj;
    private final List<BpfProgram> programs;
    private final List<BpfMap> maps;

    private BpfObject(Libbpf lib, String name, Pointer obj, List<BpfProgram> programs, List<BpfMap> maps) {
        this.lib = lib;
        this.name = name;
        this.obj = obj;
        this.programs = List.copyOf(programs);
        this.maps = List.copyOf(maps);
    }

    /**
     * Opens and loads an object from its ELF bytes. When the kernel refuses a program, the
     * exception carries the verifier's log.
     */
    public static BpfObject load(Libbpf lib, String name, byte[] elf) throws BpfException {
        return load(lib, name, elf, null);
    }

    /**
     * Opens and loads an object whose maps are pinned in {@code pinDir} (a folder in bpffs),
     * one file per map named after it: a compatible map already pinned there is reused with
     * its contents, a missing one is created and pinned. Internal maps ({@code .rodata},
     * {@code .bss}) are not pinned. A null {@code pinDir} pins nothing. A pinned map that does
     * not match the object's definition makes the load fail (the caller may unpin and retry).
     */
    public static BpfObject load(Libbpf lib, String name, byte[] elf, Path pinDir) throws BpfException {
        if (!lib.available()) {
            throw new BpfException(lib.unavailableReason(), 38);
        }
        Memory buf = new Memory(Math.max(elf.length, 1));
        buf.write(0, elf, 0, elf.length);
        Pointer obj = lib.bpf.bpf_object__open_mem(buf, elf.length, null);
        if (obj == null) {
            int errno = Native.getLastError();
            throw new BpfException("libbpf cannot open " + name + ": " + lib.strerror(errno), errno);
        }
        if (pinDir != null) {
            for (Pointer m = lib.bpf.bpf_object__next_map(obj, null); m != null;
                 m = lib.bpf.bpf_object__next_map(obj, m)) {
                String mapName = lib.bpf.bpf_map__name(m);
                if (mapName != null && !mapName.contains(".")) {
                    int rc = lib.bpf.bpf_map__set_pin_path(m, pinDir.resolve(mapName).toString());
                    if (rc < 0) {
                        lib.bpf.bpf_object__close(obj);
                        throw new BpfException("cannot pin " + name + "'s map " + mapName + " in " + pinDir + ": "
                                + lib.strerror(rc), -rc);
                    }
                }
            }
        }
        List<Memory> logs = new ArrayList<>();
        List<Pointer> progs = new ArrayList<>();
        for (Pointer p = lib.bpf.bpf_object__next_program(obj, null); p != null;
             p = lib.bpf.bpf_object__next_program(obj, p)) {
            Memory log = new Memory(LOG_SIZE);
            log.setByte(0, (byte) 0);
            lib.bpf.bpf_program__set_log_buf(p, log, LOG_SIZE);
            lib.bpf.bpf_program__set_log_level(p, 1);
            logs.add(log);
            progs.add(p);
        }
        int rc = lib.bpf.bpf_object__load(obj);
        if (rc < 0) {
            StringBuilder log = new StringBuilder();
            for (Memory m : logs) {
                String s = m.getString(0);
                if (!s.isBlank()) {
                    log.append(s);
                }
            }
            lib.bpf.bpf_object__close(obj);
            throw new BpfException("the kernel refused " + name + ": " + lib.strerror(rc), -rc,
                    log.length() == 0 ? null : log.toString());
        }
        List<BpfProgram> programs = new ArrayList<>();
        for (Pointer p : progs) {
            programs.add(new BpfProgram(lib, lib.bpf.bpf_program__name(p), lib.bpf.bpf_program__section_name(p),
                    lib.bpf.bpf_program__fd(p), lib.bpf.bpf_program__insn_cnt(p)));
        }
        List<BpfMap> maps = new ArrayList<>();
        for (Pointer m = lib.bpf.bpf_object__next_map(obj, null); m != null; m = lib.bpf.bpf_object__next_map(obj, m)) {
            maps.add(new BpfMap(lib, lib.bpf.bpf_map__name(m), lib.bpf.bpf_map__fd(m), lib.bpf.bpf_map__type(m),
                    lib.bpf.bpf_map__key_size(m), lib.bpf.bpf_map__value_size(m), lib.bpf.bpf_map__max_entries(m)));
        }
        return new BpfObject(lib, name, obj, programs, maps);
    }

    public String name() {
        return name;
    }

    public List<BpfProgram> programs() {
        return programs;
    }

    public List<BpfMap> maps() {
        return maps;
    }

    public Optional<BpfProgram> program(String programName) {
        return programs.stream().filter(p -> p.name().equals(programName)).findFirst();
    }

    public Optional<BpfMap> map(String mapName) {
        return maps.stream().filter(m -> m.name().equals(mapName)).findFirst();
    }

    public synchronized boolean isOpen() {
        return obj != null;
    }

    @Override
    public synchronized void close() {
        if (obj != null) {
            lib.bpf.bpf_object__close(obj);
            obj = null;
        }
    }
}
