package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.batman.internal.alfred.AlfredRecord;

/**
 * Gives every facts record read from alfred its verdict, one record at a time: a record that
 * cannot be read, is unsigned, badly signed, about another node than its signer, stale or a
 * replay is judged and left aside, and the next one is read. Only {@link #usable} facts (format
 * 2, signature verified, signer names the node, fresh, newest) may drive attestation, the
 * allow list or {@code PeerEndpoints}.
 */
final class FactsJudge {

    /** One record and its verdict. */
    record Judged(NodeFacts facts, SignedFacts.Trust trust) {
    }

    /**
     * @param judged  every readable record with its verdict, newest first
     * @param refused one line per record that could not be read at all
     */
    record Round(List<Judged> judged, List<String> refused) {

        /** The facts that passed every check. */
        List<NodeFacts> usable() {
            return judged.stream().filter(j -> j.trust().usable()).map(Judged::facts).toList();
        }
    }

    private FactsJudge() {
    }

    /**
     * @param verifier the identity service's signature check, or null without identity
     * @param ledger   where accepted records are kept; offered only records with usable signatures
     */
    static Round judge(List<AlfredRecord> records, BiFunction<byte[], SvidSignature, AttestationResult> verifier,
                       FactsLedger ledger, long now, long maxAgeMs) {
        List<SignedFacts> decoded = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (AlfredRecord r : records) {
            try {
                decoded.add(SignedFacts.decode(r.data(), r.source()));
            } catch (IOException | RuntimeException e) {
                refused.add(SignedFacts.oneLine(e.getMessage(), 200));
            }
        }
        // Newest first, so that a replayed older record of a node never goes in before its newest.
        decoded.sort(Comparator.comparingLong((SignedFacts s) -> s.facts().timestamp()).reversed());
        List<Judged> judged = new ArrayList<>();
        for (SignedFacts s : decoded) {
            SignedFacts.Trust t;
            try {
                t = s.check(verifier);
                if (t.usable()) {
                    String why = ledger.offer(NodeId.of(s.facts().nodeId()), s.facts(), now, maxAgeMs).orElse(null);
                    if (why != null) {
                        t = SignedFacts.Trust.invalid(why, t.signer());
                    }
                }
            } catch (RuntimeException e) {
                t = SignedFacts.Trust.invalid("check failed: " + SignedFacts.oneLine(e.toString(), 200), null);
            }
            judged.add(new Judged(s.facts(), t));
        }
        return new Round(judged, refused);
    }
}
