package io.x0tta6bl4.scanner.internal.audit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.x0tta6bl4.api.scanner.Finding;
import io.x0tta6bl4.api.scanner.FindingKind;
import io.x0tta6bl4.api.scanner.Severity;

/**
 * Audits Karaf's own {@code etc/} files and what is installed. Reads the files on every scan,
 * so findings appear and disappear as the files change. Secret values are never echoed.
 */
public final class ConfigAudit {

    public static final String NAME = "config";

    /** What is installed, by bundle symbolic name prefix; the caller asks the framework. */
    public interface Installed {
        boolean any(String symbolicNamePrefix);
    }

    /**
     * What the running services say (the identity's development mode, the mesh guard's
     * enforcement): empty while the service is not there, and then the audit reads the
     * bundle's {@code .cfg}, which is what applies once it starts. A command such as
     * {@code ebpf:enforce on} changes the service, not the file.
     */
    public record InEffect(Supplier<Optional<Boolean>> development, Supplier<Optional<Boolean>> enforcing) {

        public static final InEffect NOTHING_RUNNING = new InEffect(Optional::empty, Optional::empty);
    }

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|passphrase|private[._-]?key|credentials?|api[._-]?key).*");

    private final Path etc;
    private final Installed installed;
    private final InEffect inEffect;

    public ConfigAudit(Path etc, Installed installed) {
        this(etc, installed, InEffect.NOTHING_RUNNING);
    }

    public ConfigAudit(Path etc, Installed installed, InEffect inEffect) {
        this.etc = etc;
        this.installed = installed;
        this.inEffect = inEffect;
    }

    public List<Finding> scan() throws IOException {
        List<Finding> out = new ArrayList<>();
        defaultCredentials(out);
        ssh(out);
        http(out);
        webConsole(out);
        identity(out);
        worldWritable(out);
        plainSecrets(out);
        return out;
    }

    private void defaultCredentials(List<Finding> out) throws IOException {
        Properties users = load("users.properties");
        for (String user : users.stringPropertyNames()) {
            if (user.startsWith("_g_:")) {
                continue;
            }
            String password = users.getProperty(user).split(",", 2)[0].trim();
            if (user.equals("karaf") && password.equals("karaf")) {
                out.add(finding("CFG-DEFAULT-CREDENTIALS", Severity.CRITICAL, "etc/users.properties",
                        "Karaf's default user karaf/karaf is enabled",
                        "user 'karaf' with the default password",
                        "remove the karaf line or give it a strong password (encrypted: jaas encryption.enabled)"));
            } else if (!password.isEmpty() && password.equals(user)) {
                out.add(finding("CFG-PASSWORD-IS-USER", Severity.HIGH, "etc/users.properties",
                        "a user's password is its name", "user '" + user + "'", "give the user a strong password"));
            }
        }
    }

    private void ssh(List<Finding> out) throws IOException {
        if (!installed.any("org.apache.karaf.shell.ssh")) {
            return;
        }
        Properties shell = load("org.apache.karaf.shell.cfg");
        String host = shell.getProperty("sshHost", "0.0.0.0").trim();
        if (!isLoopback(host)) {
            out.add(finding("CFG-SSH-EXPOSED", Severity.HIGH, "etc/org.apache.karaf.shell.cfg",
                    "the Karaf SSH console listens beyond loopback",
                    "sshHost = " + host + ", sshPort = " + shell.getProperty("sshPort", "8101").trim(),
                    "set sshHost = 127.0.0.1 (reach it through an SSH tunnel) or uninstall the ssh feature"));
        }
    }

    private void http(List<Finding> out) throws IOException {
        if (!installed.any("org.ops4j.pax.web")) {
            return;
        }
        Properties web = load("org.ops4j.pax.web.cfg");
        String host = web.getProperty("org.ops4j.pax.web.listening.addresses",
                web.getProperty("org.osgi.service.http.host", "0.0.0.0")).trim();
        boolean exposed = false;
        for (String h : host.split(",")) {
            exposed |= !isLoopback(h.trim());
        }
        if (exposed) {
            out.add(finding("CFG-HTTP-EXPOSED", Severity.MEDIUM, "etc/org.ops4j.pax.web.cfg",
                    "the HTTP service listens beyond loopback",
                    "listening on " + host + ", port " + web.getProperty("org.osgi.service.http.port", "8181").trim(),
                    "set org.ops4j.pax.web.listening.addresses = 127.0.0.1 unless peers need /health or /metrics"));
        }
    }

    private void webConsole(List<Finding> out) {
        for (String prefix : List.of("org.apache.felix.webconsole", "org.apache.karaf.webconsole")) {
            if (installed.any(prefix)) {
                out.add(finding("CFG-WEBCONSOLE", Severity.HIGH, prefix,
                        "the web console is installed: full control of the container over HTTP",
                        "bundle " + prefix + "* installed", "feature:uninstall webconsole"));
                return;
            }
        }
    }

    private void identity(List<Finding> out) throws IOException {
        Optional<Boolean> running = inEffect.development().get();
        Properties id = running.isPresent() ? new Properties() : load("io.x0tta6bl4.identity.cfg");
        if (running.orElseGet(() -> Boolean.parseBoolean(id.getProperty("development", "false").trim()))) {
            out.add(finding("CFG-IDENTITY-DEV", Severity.HIGH, "etc/io.x0tta6bl4.identity.cfg",
                    "the node runs on a development identity (self-made CA)",
                    running.isPresent() ? "the identity service runs on a development identity" : "development = true",
                    "use SPIRE (workload.socket) or files issued by the mesh's CA, then development = false"));
        }
        Optional<Boolean> enforcing = inEffect.enforcing().get();
        Properties ebpf = enforcing.isPresent() ? new Properties() : load("io.x0tta6bl4.ebpf.cfg");
        if (!enforcing.orElseGet(() -> Boolean.parseBoolean(ebpf.getProperty("enforce", "false").trim()))) {
            out.add(finding("CFG-ATTESTATION-NOT-ENFORCED", Severity.LOW, "etc/io.x0tta6bl4.ebpf.cfg",
                    "frames of unattested peers are not dropped",
                    enforcing.isPresent() ? "the mesh guard does not enforce"
                            : "enforce = " + ebpf.getProperty("enforce", "(absent)"),
                    "once peers attest, set enforce = true (or ebpf:enforce on)"));
        }
    }

    private void worldWritable(List<Finding> out) throws IOException {
        if (!Files.isDirectory(etc)) {
            return;
        }
        try (Stream<Path> files = Files.walk(etc, 3)) {
            for (Path f : files.toList()) {
                Set<PosixFilePermission> perms;
                try {
                    perms = Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS);
                } catch (UnsupportedOperationException | IOException e) {
                    continue;
                }
                if (perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                    String rel = "etc/" + etc.relativize(f);
                    out.add(finding("CFG-WORLD-WRITABLE", Severity.HIGH, rel,
                            "anyone on the machine can change " + rel,
                            "mode " + PosixFilePermissions.toString(perms),
                            "chmod o-w " + f));
                }
            }
        }
    }

    private void plainSecrets(List<Finding> out) throws IOException {
        if (!Files.isDirectory(etc)) {
            return;
        }
        try (Stream<Path> files = Files.list(etc)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList()) {
                Properties p = load(f.getFileName().toString());
                List<String> keys = new ArrayList<>();
                for (String key : p.stringPropertyNames()) {
                    String v = p.getProperty(key).trim();
                    if (SECRET_KEY.matcher(key).matches() && isPlainSecret(v)) {
                        keys.add(key);
                    }
                }
                if (!keys.isEmpty()) {
                    keys.sort(null);
                    String rel = "etc/" + f.getFileName();
                    out.add(finding("CFG-PLAIN-SECRET", Severity.MEDIUM, rel,
                            "secrets in plain text in " + rel, "keys " + String.join(", ", keys) + " (values not shown)",
                            "move the secret to a file readable only by Karaf and refer to it, or use an encrypted value ENC(...)"));
                }
            }
        }
    }

    /** A literal value: not empty, not a placeholder, not encrypted, not a file reference. */
    static boolean isPlainSecret(String v) {
        if (v.isEmpty() || v.startsWith("${") || v.startsWith("ENC(") || v.startsWith("/") || v.startsWith("file:")
                || v.startsWith("unix:")) {
            return false;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return !(lower.equals("true") || lower.equals("false"));
    }

    static boolean isLoopback(String host) {
        String h = host.trim();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a host name: assume it resolves beyond loopback
        }
        try {
            return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Properties load(String name) throws IOException {
        Properties p = new Properties();
        Path f = etc.resolve(name);
        if (Files.isRegularFile(f)) {
            try (InputStream in = Files.newInputStream(f)) {
                p.load(in);
            }
        }
        return p;
    }

    private static Finding finding(String id, Severity severity, String subject, String title, String evidence,
                                   String fix) {
        return new Finding(id, FindingKind.MISCONFIGURATION, severity, subject, title, evidence, fix, NAME);
    }
}
