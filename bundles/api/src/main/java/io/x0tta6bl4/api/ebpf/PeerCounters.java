package io.x0tta6bl4.api.ebpf;

/**
 * What the mesh guard counted for one source MAC, summed over the attached interfaces and
 * CPUs since the program was loaded.
 *
 * @param mac     lower-case {@code aa:bb:cc:dd:ee:ff}
 * @param packets frames seen from this MAC (passed and dropped)
 * @param bytes   bytes of those frames
 * @param dropped frames from this MAC the guard dropped (quarantine or enforcement)
 */
public record PeerCounters(String mac, long packets, long bytes, long dropped) {

    public PeerCounters {
        mac = MacAddresses.normalize(mac);
        if (packets < 0 || bytes < 0 || dropped < 0) {
            throw new IllegalArgumentException("counters of " + mac + " must not be negative");
        }
    }

    /** Frames from this MAC that passed. */
    public long passed() {
        return Math.max(0, packets - dropped);
    }
}
