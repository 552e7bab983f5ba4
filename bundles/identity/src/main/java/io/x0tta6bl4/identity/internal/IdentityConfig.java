package io.x0tta6bl4.identity.internal;

import java.util.List;

/** The configuration in force; see {@link IdentityConfigReader} for the keys and their rules. */
record IdentityConfig(String source, String workloadSocket, long workloadTimeoutMs, String svidFile, String keyFile,
                      String bundleFile, long filesPollMs, boolean development, String trustDomain, String idPattern,
                      String nodeId, boolean listenerEnabled, List<String> listenerAddresses, int listenerPort,
                      int connectTimeoutMs, int handshakeTimeoutMs, long checkIntervalMs, int listenerGraceMs,
                      int listenerPerSource, Startups listenerStartups, int eventsBurst, int eventsPerMinute,
                      int eventsSubjectBurst, int eventsSubjectPerMinute) {

    /** {@code listener.max.startups}: early drop from {@code start} pending at {@code rate}%, all at {@code full}. */
    record Startups(int start, int rate, int full) {
        @Override
        public String toString() {
            return start + ":" + rate + ":" + full;
        }
    }

    static final String SOURCE = "source";
    static final String WORKLOAD_SOCKET = "workload.socket";
    static final String WORKLOAD_TIMEOUT = "workload.timeout.ms";
    static final String SVID_FILE = "files.svid";
    static final String KEY_FILE = "files.key";
    static final String BUNDLE_FILE = "files.bundle";
    static final String FILES_POLL = "files.poll.ms";
    static final String DEVELOPMENT = "development";
    static final String TRUST_DOMAIN = "trust.domain";
    static final String ID_PATTERN = "id.pattern";
    static final String NODE_ID = "node.id";
    static final String LISTENER_ENABLED = "listener.enabled";
    static final String LISTENER_ADDRESSES = "listener.addresses";
    static final String LISTENER_PORT = "listener.port";
    static final String CONNECT_TIMEOUT = "connect.timeout.ms";
    static final String HANDSHAKE_TIMEOUT = "handshake.timeout.ms";
    static final String CHECK_INTERVAL = "check.interval.ms";
    static final String LISTENER_GRACE = "listener.grace.ms";
    static final String LISTENER_PER_SOURCE = "listener.max.per.source";
    static final String LISTENER_STARTUPS = "listener.max.startups";
    static final String EVENTS_BURST = "events.burst";
    static final String EVENTS_PER_MINUTE = "events.per.minute";
    static final String EVENTS_SUBJECT_BURST = "events.subject.burst";
    static final String EVENTS_SUBJECT_PER_MINUTE = "events.subject.per.minute";

    static final List<String> SOURCES = List.of("auto", "workload", "files", "none");

    static final IdentityConfig DEFAULTS = new IdentityConfig("auto", "", 10_000, "", "", "", 2000, false, "",
            IdPolicy.DEFAULT_PATTERN, "", true, List.of("127.0.0.1"), 7443, 3000, 5000, 5000, 10_000, 4,
            new Startups(10, 30, 32), 10, 30, 2, 2);

    MtlsListener.Limits listenerLimits() {
        return new MtlsListener.Limits(listenerGraceMs, handshakeTimeoutMs, listenerPerSource, listenerStartups.start(),
                listenerStartups.rate(), listenerStartups.full());
    }
}
