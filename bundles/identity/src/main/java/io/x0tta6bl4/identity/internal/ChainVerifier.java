package io.x0tta6bl4.identity.internal;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.x0tta6bl4.api.identity.AttestationResult;
import io.x0tta6bl4.api.topology.NodeId;

/**
 * Verifies a peer's X.509-SVID chain against a trust bundle and the node ID policy. Checks
 * run in an order that makes the reason specific: SPIFFE URI SAN, trust domain, path
 * pattern, expected node, leaf not a CA, self-signed, key usage and extended key usage
 * (X509-SVID section 4.3 and 5), validity period, then the chain to an authority of the
 * trust bundle.
 */
final class ChainVerifier {

    /** The role the peer plays, which its leaf's extended key usage must allow. */
    enum Role {
        /** a TLS client: id-kp-clientAuth */
        CLIENT("1.3.6.1.5.5.7.3.2", "clientAuth"),
        /** a TLS server: id-kp-serverAuth */
        SERVER("1.3.6.1.5.5.7.3.1", "serverAuth"),
        /** a signer of data, no TLS role: extended key usage not checked */
        ANY(null, null);

        final String eku;
        final String ekuName;

        Role(String eku, String ekuName) {
            this.eku = eku;
            this.ekuName = ekuName;
        }
    }

    private static final String ANY_EKU = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private ChainVerifier() {
    }

    /** A chain checked without a TLS role (signatures, {@code NodeAttestor.verify}). */
    static AttestationResult verify(List<X509Certificate> chain, NodeId expected, String trustDomain,
                                    List<X509Certificate> bundle, IdPolicy policy, Instant now) {
        return verify(chain, expected, trustDomain, bundle, policy, now, Role.ANY);
    }

    static AttestationResult verify(List<X509Certificate> chain, NodeId expected, String trustDomain,
                                    List<X509Certificate> bundle, IdPolicy policy, Instant now, Role role) {
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
        String usage = usageProblem(chain, role);
        if (usage != null) {
            return AttestationResult.failure(who, sid, usage, now, notAfter);
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

    /**
     * X509-SVID: a leaf must have digitalSignature and neither keyCertSign nor cRLSign; its
     * extended key usage, when present, must allow the TLS role; a signing certificate in
     * the chain must have keyCertSign. Null when all hold, else the reason.
     */
    static String usageProblem(List<X509Certificate> chain, Role role) {
        X509Certificate leaf = chain.get(0);
        boolean[] ku = leaf.getKeyUsage();
        if (ku == null) {
            return "leaf certificate has no key usage (an X509-SVID must have digitalSignature)";
        }
        if (!bit(ku, DIGITAL_SIGNATURE)) {
            return "leaf certificate key usage lacks digitalSignature";
        }
        if (bit(ku, KEY_CERT_SIGN) || bit(ku, CRL_SIGN)) {
            return "leaf certificate key usage has keyCertSign or cRLSign, which an X509-SVID must not have";
        }
        if (role.eku != null) {
            List<String> eku;
            try {
                eku = leaf.getExtendedKeyUsage();
            } catch (CertificateParsingException e) {
                return "leaf certificate extended key usage cannot be read (" + oneLine(e) + ")";
            }
            if (eku != null && !eku.contains(role.eku) && !eku.contains(ANY_EKU)) {
                return "leaf certificate extended key usage does not allow " + role.ekuName + " (a TLS "
                        + role.name().toLowerCase(Locale.ROOT) + ")";
            }
        }
        for (X509Certificate c : chain.subList(1, chain.size())) {
            boolean[] cku = c.getKeyUsage();
            if (cku == null || !bit(cku, KEY_CERT_SIGN)) {
                return "chain certificate " + c.getSubjectX500Principal().getName()
                        + " key usage lacks keyCertSign, so it may not sign certificates";
            }
        }
        return null;
    }

    private static boolean bit(boolean[] bits, int i) {
        return bits.length > i && bits[i];
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
