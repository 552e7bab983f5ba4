package io.x0tta6bl4.meshlab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.x0tta6bl4.api.identity.SvidSignature;
import io.x0tta6bl4.batman.internal.NodeFacts;
import io.x0tta6bl4.batman.internal.SignedFacts;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The records a hostile neighbour writes into its own alfred: facts signed with a key that is
 * not the node's they name, and good records read back out of alfred to be replayed. Records
 * are made with the batman bundle's own encoder ({@link SignedFacts}), so a forgery differs
 * from a node's own record only where the attack says.
 */
final class Forgery {

    /** One record as {@code alfred -r} prints it: the source MAC and the data. */
    record AlfredRecord(String source, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern RECORD = Pattern.compile("\\{ \"([0-9a-f:]{17})\", \"((?:[^\"\\\\]|\\\\.)*)\" \\},");

    private Forgery() {
    }

    /** Facts signed with the SVID (and its key) in {@code svidDir}, as a node's batman bundle publishes them. */
    static byte[] signedWith(Path svidDir, NodeFacts facts) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        for (String file : List.of("svid.pem", "key.pem")) {
            try (Reader r = Files.newBufferedReader(svidDir.resolve(file)); PEMParser p = new PEMParser(r)) {
                for (Object o = p.readObject(); o != null; o = p.readObject()) {
                    if (o instanceof X509CertificateHolder h) {
                        chain.add(new JcaX509CertificateConverter().getCertificate(h));
                    } else if (o instanceof PrivateKeyInfo k) {
                        key = new JcaPEMKeyConverter().getPrivateKey(k);
                    }
                }
            }
        }
        if (key == null || chain.isEmpty()) {
            throw new IOException("no SVID and key in " + svidDir);
        }
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(SignedFacts.canonical(facts));
        return SignedFacts.encode(facts, new SvidSignature(chain, s.sign()));
    }

    /**
     * The records in the output of {@code alfred -r <type>}, which prints each as
     * {@code { "<mac>", "<data>" },} with {@code "} and {@code \} escaped by a backslash and
     * other bytes outside printable ASCII as {@code \xNN}.
     */
    static List<AlfredRecord> parseAlfredDump(String dump) {
        List<AlfredRecord> out = new ArrayList<>();
        Matcher m = RECORD.matcher(dump);
        while (m.find()) {
            out.add(new AlfredRecord(m.group(1), unescape(m.group(2))));
        }
        return out;
    }

    private static byte[] unescape(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                if (next == 'x' && i + 2 < s.length()) {
                    b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    b.write(next);
                }
            } else {
                b.write(c);
            }
        }
        return b.toByteArray();
    }
}
