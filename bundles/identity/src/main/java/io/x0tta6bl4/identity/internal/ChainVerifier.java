package io.x0tta6bl4.identity.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Verifies a peer's X.509-SVID chain against a trust bundle and the node ID policy. Checks
 * run in an order that makes the reason specific: SPIFFE URI SAN, trust domain, path
 * pattern, expected node, leaf not a CA, self-signed, validity period, then the chain to
 * an authority of the trust bundle.
 */
final class ChainVerifier {

    private ChainVerifier() {
    }

    static AttestationResult verify(List<X509Certificate> chain, NodeId expected, String trustDomain,
                                    List<X509Certificate> bundle, IdPolicy policy, Instant now) {
        if (chain == null || chain.isEmpty()) {
            return AttestationResult.failure(expected, null, "no certificate presented", now, null);
        }
        X509Certificate leaf = chain.get(0);
        Instant notAfter = leaf.getNotAfter().toInstant();
        List<String> uris = SpiffeIds.uriSans(leaf);
        List<String> spiffe = uris.stream().filter(u -> u.regionMatches(true, 0, "spiffe://", 0, 9)).toList();
        if (spiffe.isEmpty()) {
            return AttestationResult.failure(expected, null, "certificate has no SPIFFE URI SAN (subject "
                    + leaf.getSubjectX500Principal().getName() + ")", now, notAfter);
        }
        if (uris.size() > 1) {
            return AttestationResult.failure(expected, spiffe.get(0), "certificate has " + uris.size()
                    + " URI SANs, an SVID has exactly one", now, notAfter);
        }
        SpiffeIds.Id id;
        try {
            id = SpiffeIds.parse(spiffe.get(0));
        } catch (IllegalArgumentException e) {
            return AttestationResult.failure(expected, spiffe.get(0), e.getMessage(), now, notAfter);
        }
        String sid = id.toString();
        if (trustDomain == null) {
            return AttestationResult.failure(expected, sid, "this node has no trust bundle yet", now, notAfter);
        }
        if (!id.trustDomain().equals(trustDomain)) {
            return AttestationResult.failure(expected, sid, "trust domain '" + id.trustDomain() + "' is not '"
                    + trustDomain + "'", now, notAfter);
        }
        Optional<NodeId> node = policy.nodeOf(id.path());
        if (node.isEmpty()) {
            return AttestationResult.failure(expected, sid, "path '" + id.path() + "' does not match '"
                    + policy.pathTemplate() + "'", now, notAfter);
        }
        if (expected != null && !expected.equals(node.get())) {
            return AttestationResult.failure(expected, sid, "certificate is for node '" + IdPolicy.segment(node.get())
                    + "', expected '" + IdPolicy.segment(expected) + "'", now, notAfter);
        }
        NodeId who = node.get();
        if (leaf.getBasicConstraints() >= 0) {
            return AttestationResult.failure(who, sid, "leaf certificate is a CA certificate", now, notAfter);
        }
        if (selfSigned(leaf)) {
            return AttestationResult.failure(who, sid, "certificate is self-signed", now, notAfter);
        }
        Date date = Date.from(now);
        for (X509Certificate c : chain) {
            if (date.before(c.getNotBefore())) {
                return AttestationResult.failure(who, sid, (c == leaf ? "certificate" : "chain certificate "
                        + c.getSubjectX500Principal().getName()) + " is not valid before "
                        + c.getNotBefore().toInstant(), now, notAfter);
            }
            if (date.after(c.getNotAfter())) {
                return AttestationResult.failure(who, sid, (c == leaf ? "certificate" : "chain certificate "
                        + c.getSubjectX500Principal().getName()) + " expired at "
                        + c.getNotAfter().toInstant(), now, notAfter);
            }
        }
        if (bundle == null || bundle.isEmpty()) {
            return AttestationResult.failure(who, sid, "this node has no trust bundle yet", now, notAfter);
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : bundle) {
                anchors.add(new TrustAnchor(ca, null));
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(date);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
        } catch (GeneralSecurityException e) {
            return AttestationResult.failure(who, sid, "certificate is not issued by an authority in the trust bundle of '"
                    + trustDomain + "' (" + oneLine(e) + ")", now, notAfter);
        }
        return AttestationResult.success(who, sid, now, notAfter);
    }

    static boolean selfSigned(X509Certificate c) {
        if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
