package io.x0tta6bl4.api.ebpf;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The XDP mesh guard on this node's mesh interfaces: counts frames per source MAC, drops
 * frames of quarantined peers and, when enforcing, drops frames of peers that are not on the
 * allow list (attested peers), except attestation traffic itself (see the ebpf bundle's
 * README).
 * <p>
 * The service is registered whether or not a program is attached (no BPF in the kernel,
 * no libbpf, no interface configured): the quarantine and allow lists and the enforcement
 * flag are kept and written into the kernel maps when the program attaches. Methods return
 * quickly; kernel map updates happen asynchronously on the guard's own thread.
 * <p>
 * MAC strings are lower-case {@code aa:bb:cc:dd:ee:ff}; input in upper case or with
 * {@code -} is accepted (see {@link MacAddresses#normalize(String)}). A malformed MAC is an
 * {@link IllegalArgumentException} naming it.
 * <p>
 * Drops of quarantined peers are posted as health events of area {@link #HEALTH_AREA} and
 * kind {@link #PEER_QUARANTINED}, drops of unattested peers under enforcement as kind
 * {@code PEER_UNATTESTED}, at a bounded rate per peer.
 */
@ProviderType
public interface MeshGuard {

    /** Health event area of the guard's observations. */
    String HEALTH_AREA = "ebpf";

    /** Health event kind: frames of a quarantined peer were dropped. */
    String PEER_QUARANTINED = "PEER_QUARANTINED";

    /**
     * Drops every frame whose source is this MAC on all attached interfaces, now and on
     * interfaces attached later, until {@link #release(String)}. Quarantining again
     * replaces the reason.
     *
     * @param reason why, shown by {@code ebpf:counters} and in health events; may be null
     */
    void quarantine(String mac, String reason);

    /** Lifts a quarantine; false if the MAC was not quarantined. */
    boolean release(String mac);

    /** The quarantined MACs. */
    Set<String> quarantined();

    /** The reason given for each quarantined MAC (empty string when none was given). */
    Map<String, String> quarantineReasons();

    /** Counters per source MAC seen on the attached interfaces; empty when nothing is attached. */
    Map<String, PeerCounters> counters();

    /**
     * Turns enforcement on or off: when on, frames from MACs not on the allow list are
     * dropped (attestation traffic excepted).
     */
    void setEnforcing(boolean on);

    boolean enforcing();

    /** Puts a MAC on the allow list (an attested peer). */
    void allow(String mac);

    /** Takes a MAC off the allow list; false if it was not on it. */
    boolean disallow(String mac);

    /** The allow list. */
    Set<String> allowed();

    /**
     * The interfaces the guard is attached to now, as {@code ifname} or
     * {@code netns/ifname}.
     */
    List<String> interfaces();

    /**
     * Every program the platform loaded, with its attachments, each re-checked now by the
     * static validator against the object bytes it was loaded from. Empty when nothing is
     * loaded. For audits: it reads and validates the objects on the caller's thread.
     *
     * @since 1.1
     */
    List<ProgramAudit> audit();
}
