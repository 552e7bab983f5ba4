package io.x0tta6bl4.identity.internal;

import java.nio.file.Paths;
import java.util.List;

/**
 * Which identity source the configuration asks for ({@code source = auto | workload | files |
 * none}), or, when there is none, the one line that tells the operator what to set.
 */
final class SourceChoice {

    /** A source to start, or null with the reason there is none. */
    record Choice(IdentitySource source, String reason) {
    }

    private SourceChoice() {
    }

    /** The settings whose change means a new source. */
    static List<Object> key(IdentityConfig c) {
        return List.of(c.source(), c.workloadSocket(), c.workloadTimeoutMs(), c.svidFile(), c.keyFile(), c.bundleFile(),
                c.filesPollMs(), c.development());
    }

    /**
     * @param envSocket {@code SPIFFE_ENDPOINT_SOCKET}, used when {@code workload.socket} is empty
     */
    static Choice choose(IdentityConfig cfg, String envSocket) {
        String socket = cfg.workloadSocket().isEmpty() ? (envSocket == null ? "" : envSocket.trim())
                : cfg.workloadSocket();
        boolean files = !cfg.svidFile().isEmpty() && !cfg.keyFile().isEmpty() && !cfg.bundleFile().isEmpty();
        switch (cfg.source()) {
            case "none":
                return none("identity source is 'none' (source=none)");
            case "workload":
                return socket.isEmpty()
                        ? none("source=workload but no socket: set workload.socket or SPIFFE_ENDPOINT_SOCKET")
                        : workload(cfg, socket);
            case "files":
                return files ? files(cfg) : none("source=files but files.svid, files.key and files.bundle are not all set");
            default:
                if (!socket.isEmpty()) {
                    return workload(cfg, socket);
                }
                if (files) {
                    return files(cfg);
                }
                return none("no identity source: no SPIRE Workload API socket (workload.socket, "
                        + "SPIFFE_ENDPOINT_SOCKET) and no SVID files (files.svid); "
                        + "run identity:bootstrap <trust-domain> for a development identity");
        }
    }

    private static Choice none(String reason) {
        return new Choice(null, reason);
    }

    private static Choice workload(IdentityConfig cfg, String socket) {
        return new Choice(new WorkloadApiSource(WorkloadApiSource.address(socket), cfg.workloadTimeoutMs()), null);
    }

    private static Choice files(IdentityConfig cfg) {
        return new Choice(new FileSource(Paths.get(cfg.svidFile()), Paths.get(cfg.keyFile()),
                Paths.get(cfg.bundleFile()), cfg.filesPollMs(), cfg.development()), null);
    }
}
