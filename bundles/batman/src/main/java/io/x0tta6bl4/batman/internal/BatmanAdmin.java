package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.List;

import io.x0tta6bl4.batman.internal.alfred.AlfredStatus;

/** What the batman: commands need from the provider. */
public interface BatmanAdmin {

    /** The configuration in force. */
    BatmanConfig config();

    /** What the last poll saw; null before the first. */
    MeshPoller.Snapshot lastPoll();

    /** Number of polls since start. */
    long polls();

    /** The backend in use, for direct reads. */
    BatmanBackend backend();

    List<Neighbor> neighbors() throws IOException;

    List<HardInterface> interfaces() throws IOException;

    /** Creates the mesh interface when it does not exist, then enslaves the hard interface. */
    void addInterface(String hardInterface) throws IOException;

    void removeInterface(String hardInterface) throws IOException;

    /**
     * Facts nodes published through alfred under the configured type (this one included).
     * Records that are not facts JSON are left out and counted in {@code refused}; signed
     * records are checked with the identity service when it is present.
     */
    FactsView facts() throws IOException;

    /** batman-adv's part of the respondd replies, as the poller thread read it last. */
    RespondPart respondPart();

    /** alfred's server status at the configured socket. */
    AlfredStatus alfredStatus() throws IOException;

    /** @param facts parsed records with their verdict; @param refused one line per record left out */
    record FactsView(List<CheckedFacts> facts, List<String> refused) {
    }

    /**
     * One node's facts and how far they are trusted.
     *
     * @param trust  {@code verified <SPIFFE ID>}, {@code unsigned} or {@code invalid: <reason>}
     * @param signer the SPIFFE ID of the signing certificate when one was read, else null
     */
    record CheckedFacts(String nodeId, String spiffeId, String version, String health, long timestamp, String source,
                        String trust, String signer) {

        static CheckedFacts of(NodeFacts f, SignedFacts.Trust t) {
            return new CheckedFacts(f.nodeId(), f.spiffeId(), f.version(), f.health(), f.timestamp(), f.source(),
                    t.line(), t.signer());
        }
    }
}
