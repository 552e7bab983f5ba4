package io.x0tta6bl4.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate that looks like a node's X.509-SVID in every field (the SPIFFE ID naming a
 * good node, digitalSignature, clientAuth and serverAuth) but is signed by its own key: what
 * a neighbour can make in a second. Made by the JDK's own keytool, as an attacker would, so
 * the test inside Karaf needs no certificate library.
 */
final class SelfSignedSvid {

    final X509Certificate certificate;
    final PrivateKey key;

    private SelfSignedSvid(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    List<X509Certificate> chain() {
        return List.of(certificate);
    }

    static SelfSignedSvid naming(String spiffeId, Path dir) throws Exception {
        Path store = Files.createTempFile(dir, "self-signed-", ".p12");
        Files.delete(store);   // keytool refuses to write into an existing empty file
        char[] pass = "hostile".toCharArray();
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(pass), "-alias", "hostile", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "O=hostile neighbour",
                "-validity", "1", "-ext", "san=uri:" + spiffeId, "-ext", "ku:c=digitalSignature",
                "-ext", "eku=clientAuth,serverAuth").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(keytool + " failed: " + out);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pass);
            return new SelfSignedSvid((X509Certificate) ks.getCertificate("hostile"),
                    (PrivateKey) ks.getKey("hostile", pass));
        } finally {
            Files.deleteIfExists(store);
        }
    }
}
