package io.x0tta6bl4.identity.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates with the key usage and extended key usage a test chooses (the production
 * builder always issues correct ones): for checking that wrong ones are refused.
 */
final class UsageCerts {

    private static long serial = 1000;

    private UsageCerts() {
    }

    /**
     * @param keyUsage KeyUsage bits, or -1 for no key usage extension
     * @param ekus     extended key usages, or null for none
     * @param ca       a CA certificate (basicConstraints CA:true)
     */
    static Certs.Issued issue(Certs.Issued issuer, String uri, int keyUsage, KeyPurposeId[] ekus, boolean ca)
            throws Exception {
        KeyPair kp = Certs.newKeyPair();
        Instant now = Instant.now();
        X500Principal subject = new X500Principal("O=x0tta6bl4, CN=usage-" + (++serial));
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()), BigInteger.valueOf(serial),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)),
                X500Name.getInstance(subject.getEncoded()), kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (keyUsage >= 0) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (ekus != null) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ekus));
        }
        if (uri != null) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri)));
        }
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key())));
        return new Certs.Issued(cert, kp.getPrivate());
    }
}
