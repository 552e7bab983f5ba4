package io.x0tta6bl4.identity.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 with Bouncy Castle's builders over the JDK's providers (Bouncy Castle is not
 * registered as a JCA provider): EC P-256 keys, SPIFFE CA and SVID certificates, PEM.
 */
final class Certs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certs() {
    }

    /** A key pair and its certificate. */
    record Issued(X509Certificate cert, PrivateKey key) {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC P-256 key: " + e.getMessage(), e);
        }
    }

    /** A self-signed CA for a trust domain, with the trust domain's SPIFFE ID as URI SAN. */
    static Issued ca(String trustDomain, String commonName, Instant notBefore, Instant notAfter) {
        KeyPair kp = newKeyPair();
        return new Issued(build(kp, new X500Principal("O=x0tta6bl4, CN=" + commonName), kp.getPublic(),
                kp.getPrivate(), new X500Principal("O=x0tta6bl4, CN=" + commonName), List.of("spiffe://" + trustDomain),
                true, notBefore, notAfter), kp.getPrivate());
    }

    /**
     * A leaf (end-entity) certificate. With {@code issuer} null it is self-signed.
     *
     * @param uris URI SANs, may be empty
     */
    static Issued leaf(Issued issuer, List<String> uris, Instant notBefore, Instant notAfter) {
        KeyPair kp = newKeyPair();
        X500Principal subject = new X500Principal("O=x0tta6bl4, CN=svid-" + Long.toHexString(RANDOM.nextLong()));
        X509Certificate cert = issuer == null
                ? build(kp, subject, kp.getPublic(), kp.getPrivate(), subject, uris, false, notBefore, notAfter)
                : build(kp, subject, kp.getPublic(), issuer.key(), issuer.cert().getSubjectX500Principal(), uris,
                        false, notBefore, notAfter);
        return new Issued(cert, kp.getPrivate());
    }

    private static X509Certificate build(KeyPair kp, X500Principal subject, PublicKey publicKey,
                                         PrivateKey signer, X500Principal issuer, List<String> uris, boolean ca,
                                         Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(issuer.getEncoded()),
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    X500Name.getInstance(subject.getEncoded()), publicKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(true) : new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            if (!ca) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            if (!uris.isEmpty()) {
                GeneralName[] names = uris.stream().map(u -> new GeneralName(GeneralName.uniformResourceIdentifier, u))
                        .toArray(GeneralName[]::new);
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build a certificate: " + e.getMessage(), e);
        }
    }

    static String pem(Object... objects) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                pw.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    /** PKCS#8 ({@code PRIVATE KEY}), as spire-agent writes it. */
    static String pem(PrivateKey key) {
        try {
            return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate());
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(List<X509Certificate> certs) {
        return pem(certs.toArray());
    }

    /**
     * @throws IllegalArgumentException when the text holds no certificate or a broken one
     */
    static List<X509Certificate> readCertificates(String pem, String what) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(what + " holds no certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + " is not a PEM certificate list: " + ChainVerifier.oneLine(e));
        }
    }

    /**
     * Reads a PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) / PKCS#1 key into a
     * key of the JDK's own providers (EC, RSA or Ed25519), whatever providers are installed.
     */
    static PrivateKey readKey(String pem, String what) {
        try (Reader r = new StringReader(pem); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            PrivateKeyInfo info;
            if (o instanceof PEMKeyPair kp) {
                info = kp.getPrivateKeyInfo();
            } else if (o instanceof PrivateKeyInfo i) {
                info = i;
            } else {
                throw new IllegalArgumentException(what + " holds no unencrypted private key");
            }
            PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(info.getEncoded());
            for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
                try {
                    return KeyFactory.getInstance(alg).generatePrivate(spec);
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException(what + " holds a key that is not EC, RSA or Ed25519");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not a PEM private key: " + ChainVerifier.oneLine(e));
        }
    }
}
