package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.List;

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
     * Records that are not facts JSON are left out and counted in {@code refused}.
     */
    FactsView facts() throws IOException;

    /** alfred's server status at the configured socket. */
    io.x0tta6bl4.batman.internal.alfred.AlfredStatus alfredStatus() throws IOException;

    /** @param facts parsed records; @param refused one line per record left out */
    record FactsView(java.util.List<NodeFacts> facts, java.util.List<String> refused) {
    }
}
