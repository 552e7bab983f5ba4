package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.support.io.AtomicFiles;

/**
 * The development bootstrap: a local trust-domain CA (EC P-256, 10 years, URI SAN
 * {@code spiffe://<trust-domain>}) and this node's X.509-SVID (EC P-256, 30 days, URI SAN
 * from the node ID pattern, server and client auth), written as PEM files. Keys are
 * created owner-only (0600) from their first byte: the mode is given when the file is
 * created, never set afterwards, so no other user can open it in between. Files are
 * written to a temporary name and moved, so a polling reader never sees half a file.
 */
final class DevBootstrap {

    static final String CA_CERT = "ca.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String SVID = "svid.pem";
    static final String KEY = "svid-key.pem";
    static final String BUNDLE = "bundle.pem";
    static final Duration CA_LIFETIME = Duration.ofDays(3650);
    static final Duration SVID_LIFETIME = Duration.ofDays(30);

    private DevBootstrap() {
    }

    /** The files written: svid, key, bundle. */
    record Written(Path svid, Path key, Path bundle, String spiffeId) {
    }

    static Written write(Path dir, String trustDomain, NodeId node, IdPolicy policy, boolean force) throws IOException {
        if (!IdPolicy.validTrustDomain(trustDomain)) {
            throw new IllegalArgumentException("invalid trust domain '" + trustDomain
                    + "': expected lower-case letters, digits, '.', '_' or '-'");
        }
        if (!force && Files.exists(dir.resolve(CA_CERT))) {
            throw new IllegalArgumentException("a development CA already exists in " + dir + "; use --force to replace it");
        }
        Files.createDirectories(dir);
        Instant now = Instant.now();
        Certs.Issued ca = Certs.ca(trustDomain, "x0tta6bl4 development CA " + trustDomain, now.minusSeconds(60),
                now.plus(CA_LIFETIME));
        String id = policy.idFor(trustDomain, node);
        Certs.Issued svid = Certs.leaf(ca, List.of(id), now.minusSeconds(60), now.plus(SVID_LIFETIME));
        writeAtomically(dir.resolve(CA_KEY), Certs.pem(ca.key()), true);
        writeAtomically(dir.resolve(CA_CERT), Certs.pem(List.of(ca.cert())), false);
        writeAtomically(dir.resolve(BUNDLE), Certs.pem(List.of(ca.cert())), false);
        writeAtomically(dir.resolve(KEY), Certs.pem(svid.key()), true);
        writeAtomically(dir.resolve(SVID), Certs.pem(List.of(svid.cert())), false);
        return new Written(dir.resolve(SVID), dir.resolve(KEY), dir.resolve(BUNDLE), id);
    }

    static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        AtomicFiles.write(target, content.getBytes(StandardCharsets.US_ASCII), secret);
    }
}
