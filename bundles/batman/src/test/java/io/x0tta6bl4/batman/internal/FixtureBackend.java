package io.x0tta6bl4.batman.internal;

import java.io.IOException;
import java.util.List;

/** A backend answering from one captured phase of one node; the phase can be switched. */
class FixtureBackend extends StubBackend {

    final String node;
    volatile String phase;
    volatile boolean broken;
    /** The hard interfaces reported without carrier. */
    volatile java.util.Set<String> noCarrier = java.util.Set.of();

    FixtureBackend(String phase, String node) {
        this.phase = phase;
        this.node = node;
    }

    @Override
    public String name() {
        return "fixture";
    }

    @Override
    public String meshInterface() {
        return "bat0";
    }

    @Override
    public MeshInfo mesh() throws IOException {
        check();
        // down-5s has no GET_MESH capture; the mesh itself did not change.
        String p = Fixtures.exists(phase, node, "genl-GET_MESH.resp.bin") ? phase : "steady";
        return BatadvDecoderTest.decode(p, node, "GET_MESH", BatadvDecoder::mesh).get(0);
    }

    @Override
    public List<Originator> originators() throws IOException {
        check();
        return BatadvDecoderTest.decode(phase, node, "GET_ORIGINATORS", BatadvDecoder::originator);
    }

    @Override
    public List<Neighbor> neighbors() throws IOException {
        check();
        return BatadvDecoderTest.decode(phase, node, "GET_NEIGHBORS", BatadvDecoder::neighbor);
    }

    @Override
    public List<HardInterface> interfaces() throws IOException {
        check();
        return BatadvDecoderTest.decode(phase, node, "GET_HARDIF", BatadvDecoder::hardInterface);
    }

    @Override
    public java.util.Set<String> withoutCarrier(List<HardInterface> hards) {
        return noCarrier;
    }

    @Override
    public List<TranslationEntry> localTranslations() throws IOException {
        check();
        return BatadvDecoderTest.decode(phase, node, "GET_TRANSTABLE_LOCAL", BatadvDecoder::translation);
    }

    private void check() throws IOException {
        if (broken) {
            throw new IOException("the generic netlink family 'batadv' is not registered");
        }
    }

}
