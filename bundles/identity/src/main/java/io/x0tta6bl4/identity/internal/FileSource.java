package io.x0tta6bl4.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * PEM files as spire-agent or spiffe-helper write them: the SVID chain (leaf first), its
 * private key and the trust bundle. Polled for changes of size or modification time and
 * reloaded; a half-written set is refused (key not matching the leaf) and retried on the
 * next poll. A key file that its group or other users may read or write is refused, as
 * OpenSSH's StrictModes refuses such a key: whoever can read it can be this node.
 */
final class FileSource implements IdentitySource {

    private final Path svid;
    private final Path key;
    private final Path bundle;
    private final long pollMs;
    private final boolean development;
    private final ScheduledExecutorService executor;
    private volatile Listener listener;
    private String fingerprint = "";
    private String lastError = "";

    FileSource(Path svid, Path key, Path bundle, long pollMs, boolean development) {
        this.svid = svid;
        this.key = key;
        this.bundle = bundle;
        this.pollMs = pollMs;
        this.development = development;
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, new NamedThreads("files"));
        e.setRemoveOnCancelPolicy(true);
        this.executor = e;
    }

    @Override
    public String describe() {
        return "files " + svid;
    }

    @Override
    public void start(Listener l) {
        this.listener = l;
        executor.scheduleWithFixedDelay(() -> poll(false), 0, pollMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void refresh() {
        executor.execute(() -> poll(true));
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void poll(boolean force) {
        try {
            String fp = stamp(svid) + "|" + stamp(key) + "|" + stamp(bundle);
            if (!force && fp.equals(fingerprint)) {
                return;
            }
            SvidMaterial m = load(svid, key, bundle, development);
            fingerprint = fp;
            lastError = "";
            listener.update(m);
        } catch (NoSuchFileException e) {
            report("SVID file " + e.getFile() + " does not exist");
        } catch (IOException e) {
            report("cannot read SVID files: " + ChainVerifier.oneLine(e));
        } catch (RuntimeException e) {
            report(ChainVerifier.oneLine(e));
        }
    }

    private void report(String reason) {
        fingerprint = "";
        if (!reason.equals(lastError)) {
            lastError = reason;
        }
        listener.down(reason);
    }

    private static String stamp(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return a.size() + "@" + a.lastModifiedTime().toMillis();
    }

    /** @throws IllegalArgumentException when group or others have any permission on the key file */
    static void checkKeyMode(Path key) throws IOException {
        if (!Files.getFileStore(key).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
        Set<PosixFilePermission> loose = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        loose.retainAll(perms);
        if (!loose.isEmpty()) {
            throw new IllegalArgumentException("key file " + key + " has mode " + octal(perms)
                    + ": it must not be accessible by group or others (chmod 600 " + key + ")");
        }
    }

    static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }

    /**
     * @throws IllegalArgumentException saying which file is wrong and why
     */
    static SvidMaterial load(Path svid, Path key, Path bundle, boolean development) throws IOException {
        List<X509Certificate> chain = Certs.readCertificates(
                Files.readString(svid, StandardCharsets.US_ASCII), svid.toString());
        checkKeyMode(key);
        PrivateKey k = Certs.readKey(Files.readString(key, StandardCharsets.US_ASCII), key.toString());
        List<X509Certificate> anchors = Certs.readCertificates(
                Files.readString(bundle, StandardCharsets.US_ASCII), bundle.toString());
        if (!KeyMatch.matches(chain.get(0).getPublicKey(), k)) {
            throw new IllegalArgumentException("the key in " + key + " does not belong to the certificate in " + svid);
        }
        return SvidMaterial.of(chain, k, anchors, svid.toString(), development);
    }
}
