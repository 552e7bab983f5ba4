package io.x0tta6bl4.identity.internal;

/**
 * Where this node's SVID comes from. {@link #start} returns at once; the source works on
 * its own named threads and reports through the listener, from any thread.
 */
interface IdentitySource extends AutoCloseable {

    interface Listener {
        /** A new or rotated SVID with its trust bundle. */
        void update(SvidMaterial svid);

        /** The source failed; one line saying why. The last SVID stays in hand. */
        void down(String reason);
    }

    /** For status lines, e.g. {@code workload API unix:/run/spire/agent.sock}. */
    String describe();

    void start(Listener listener);

    /** Fetches or reloads now, asynchronously. */
    void refresh();

    @Override
    void close();
}
