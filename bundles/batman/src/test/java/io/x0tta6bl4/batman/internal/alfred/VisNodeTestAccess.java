package io.x0tta6bl4.batman.internal.alfred;

import java.io.IOException;
import java.util.List;

import io.x0tta6bl4.batman.internal.Fixtures;

/** The captured batadv-vis records, for tests in other packages. */
public final class VisNodeTestAccess {

    private VisNodeTestAccess() {
    }

    public static List<VisNode> steadyRecords() throws IOException {
        return VisNodeTest.fromJsonDoc(Fixtures.text("steady", "A", "vis-jsondoc.json"));
    }
}
