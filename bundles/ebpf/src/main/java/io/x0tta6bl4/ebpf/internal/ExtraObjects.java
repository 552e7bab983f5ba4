package io.x0tta6bl4.ebpf.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.x0tta6bl4.api.ebpf.ProgramAudit;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.BpfProgram;
import io.x0tta6bl4.ebpf.internal.validate.HelperSet;

/**
 * Objects loaded with {@code ebpf:load} beside mesh_guard, with the bytes each was loaded
 * from so an audit can validate them again. They live until the bundle stops.
 */
final class ExtraObjects {

    private final List<BpfObject> objects = new ArrayList<>();
    private final Map<BpfObject, byte[]> elves = new IdentityHashMap<>();

    synchronized void add(BpfObject o, byte[] elf) {
        objects.add(o);
        elves.put(o, elf.clone());
    }

    synchronized List<EbpfAdmin.ProgramInfo> programs() {
        List<EbpfAdmin.ProgramInfo> out = new ArrayList<>();
        for (BpfObject o : objects) {
            o.programs().forEach(p -> out.add(info(o, p, List.of())));
        }
        return out;
    }

    synchronized void audit(HelperSet helpers, List<ProgramAudit> out) {
        for (BpfObject o : objects) {
            GuardLoader.audit(o, elves.get(o), List.of(), helpers, out);
        }
    }

    synchronized void closeAll() {
        objects.forEach(BpfObject::close);
        objects.clear();
        elves.clear();
    }

    static EbpfAdmin.ProgramInfo info(BpfObject o, BpfProgram p, List<String> attached) {
        return new EbpfAdmin.ProgramInfo(o.name(), p.name(), p.section(), p.fd(), p.instructions(), List.copyOf(attached));
    }
}
