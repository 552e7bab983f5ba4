package io.x0tta6bl4.batman.internal;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.PeerAttestations;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;

/**
 * One attestation round over the facts records alfred holds: judge every record
 * ({@link FactsJudge}, feeding the {@link FactsLedger}), attest the due peers from the usable
 * ones only ({@link PeerAttester}), then bring the guard's allow list in step with the results
 * and the MACs each node signed ({@link GuardAllowList}). Every record left aside is one line
 * (once per distinct line); nothing one record does stops the others. One caller thread.
 */
final class MeshTrustRound {

    private final FactsLedger ledger;
    private final PeerAttester attester;
    private final OnceLog skipped;
    private final Consumer<String> info;

    MeshTrustRound(FactsLedger ledger, PeerAttester attester, OnceLog skipped,
                   Consumer<String> info) {
        this.ledger = ledger;
        this.attester = attester;
        this.skipped = skipped;
        this.info = info;
    }

    /**
     * @param verifier     the identity service's signature check, or null without identity
     * @param guard        the eBPF guard, or null when not installed
     * @param attestations the identity bundle's results, or null
     * @return the verdicts, as {@code batman:facts} shows them
     */
    FactsJudge.Round run(List<AlfredRecord> records, BiFunction<byte[], SvidSignature, AttestationResult> verifier,
                         NodeId self, Set<NodeId> up, long now, long maxAgeMs, long staleMs, MeshGuard guard,
                         PeerAttestations attestations) {
        FactsJudge.Round round = FactsJudge.judge(records, verifier, ledger, now, maxAgeMs);
        round.refused().forEach(r -> skipped.accept("Skipping a facts record: " + r));
        round.judged().stream().filter(j -> !j.trust().usable() && !j.facts().nodeId().equals(self.value()))
                .forEach(j -> skipped.accept("Not using the facts of " + SignedFacts.oneLine(j.facts().nodeId(), 64)
                        + " from alfred source " + j.facts().source() + ": " + j.trust().line()));
        attester.round(self, up, round.usable(), staleMs);
        if (guard != null && attestations != null) {
            int changes = GuardAllowList.sync(guard, attestations.all(), ledger.signedMacs());
            if (changes > 0) {
                info.accept("eBPF allow list follows attestation: " + changes + " MACs added or removed, "
                        + guard.allowed().size() + " allowed");
            }
        }
        return round;
    }
}
