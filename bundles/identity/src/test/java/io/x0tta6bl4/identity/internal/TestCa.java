package io.x0tta6bl4.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A trust domain's CA for tests, issuing node SVIDs. */
final class TestCa {

    final String trustDomain;
    final Certs.Issued ca;

    TestCa(String trustDomain) {
        this.trustDomain = trustDomain;
        Instant now = Instant.now();
        this.ca = Certs.ca(trustDomain, "test CA " + trustDomain, now.minusSeconds(3600), now.plus(Duration.ofDays(30)));
    }

    String nodeId(String node) {
        return "spiffe://" + trustDomain + "/mesh/node/" + node;
    }

    Certs.Issued issue(String uri, Duration lifetime) {
        Instant now = Instant.now();
        return Certs.leaf(ca, List.of(uri), now.minusSeconds(1), now.plus(lifetime));
    }

    SvidMaterial svid(String node, Duration lifetime) {
        Certs.Issued leaf = issue(nodeId(node), lifetime);
        return SvidMaterial.of(List.of(leaf.cert()), leaf.key(), List.of(ca.cert()), "test", false);
    }
}
