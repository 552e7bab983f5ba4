package io.x0tta6bl4.ebpf.internal.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Memory;

/**
 * A map of a loaded object. Keys and values are raw bytes; a per-CPU map's value is
 * {@link #cpus()} slots of {@link #valueSlot()} bytes each. Calls go straight to the kernel
 * through the map's fd and may be made from any thread.
 */
public final class BpfMap {

    public static final int BPF_ANY = 0;
    public static final int BPF_NOEXIST = 1;
    public static final int BPF_EXIST = 2;
    private static final int ENOENT = 2;

    private final Libbpf lib;
    private final String name;
    private final int fd;
    private final int type;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;
    private final int cpus;

    BpfMap(Libbpf lib, String name, int fd, int type, int keySize, int valueSize, int maxEntries) {
        this.lib = lib;
        this.name = name;
        this.fd = fd;
        this.type = type;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
        this.cpus = MapTypes.perCpu(type) ? lib.possibleCpus() : 1;
    }

    public String name() {
        return name;
    }

    public int fd() {
        return fd;
    }

    public int type() {
        return type;
    }

    public String typeName() {
        return MapTypes.name(type);
    }

    public int keySize() {
        return keySize;
    }

    public int valueSize() {
        return valueSize;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** 1, or the number of possible CPUs for a per-CPU map. */
    public int cpus() {
        return cpus;
    }

    /** Bytes of one CPU's value in a lookup or update buffer (rounded up to 8 for per-CPU maps). */
    public int valueSlot() {
        return MapTypes.perCpu(type) ? (valueSize + 7) & ~7 : valueSize;
    }

    /** Size of a full value buffer: {@code cpus() * valueSlot()}. */
    public int valueBufferSize() {
        return cpus * valueSlot();
    }

    public Optional<byte[]> lookup(byte[] key) throws BpfException {
        Memory k = key(key);
        Memory v = new Memory(valueBufferSize());
        int rc = lib.bpf.bpf_map_lookup_elem(fd, k, v);
        if (rc == -ENOENT) {
            return Optional.empty();
        }
        lib.check(rc, "lookup in map " + name);
        return Optional.of(v.getByteArray(0, valueBufferSize()));
    }

    public void update(byte[] key, byte[] value, int flags) throws BpfException {
        if (value.length != valueBufferSize()) {
            throw new IllegalArgumentException("map " + name + " takes values of " + valueBufferSize()
                    + " bytes, not " + value.length);
        }
        Memory v = new Memory(value.length);
        v.write(0, value, 0, value.length);
        lib.check(lib.bpf.bpf_map_update_elem(fd, key(key), v, flags), "update of map " + name);
    }

    /** Deletes a key; false when it was not there. */
    public boolean delete(byte[] key) throws BpfException {
        int rc = lib.bpf.bpf_map_delete_elem(fd, key(key));
        if (rc == -ENOENT) {
            return false;
        }
        lib.check(rc, "delete from map " + name);
        return true;
    }

    /** All keys, in the kernel's iteration order (at most maxEntries). */
    public List<byte[]> keys() throws BpfException {
        List<byte[]> out = new ArrayList<>();
        Memory next = new Memory(keySize);
        Memory cur = null;
        while (out.size() < Math.max(maxEntries, 1)) {
            int rc = lib.bpf.bpf_map_get_next_key(fd, cur, next);
            if (rc == -ENOENT) {
                break;
            }
            lib.check(rc, "iteration of map " + name);
            byte[] k = next.getByteArray(0, keySize);
            out.add(k);
            if (cur == null) {
                cur = new Memory(keySize);
            }
            cur.write(0, k, 0, keySize);
        }
        return out;
    }

    private Memory key(byte[] key) {
        if (key.length != keySize) {
            throw new IllegalArgumentException("map " + name + " takes keys of " + keySize + " bytes, not "
                    + key.length + " (" + Arrays.toString(key) + ")");
        }
        Memory k = new Memory(keySize);
        k.write(0, key, 0, keySize);
        return k;
    }
}
