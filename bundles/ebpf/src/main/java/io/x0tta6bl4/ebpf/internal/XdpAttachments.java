package io.x0tta6bl4.ebpf.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.BpfProgram;
import io.x0tta6bl4.ebpf.internal.kernel.KernelThread;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;
import io.x0tta6bl4.ebpf.internal.kernel.XdpLink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mesh_guard's XDP attachments, by {@code ifname} or {@code netns/ifname}. An attachment in a
 * namespace runs on a thread of its own that entered it; that thread stops once nothing is
 * attached there, so a re-created namespace is entered afresh. Two sources of interfaces:
 * the configuration, and {@code ebpf:attach}, which is kept in the saved state. Interfaces
 * that could not be attached are retried every {@link #RETRY_MS}; the WARN line repeats only
 * when the reason changes. Called from the kernel thread, except the read-side views.
 */
final class XdpAttachments {

    static final long RETRY_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(XdpAttachments.class);

    private final KernelThread kernel;
    private final Supplier<Libbpf> lib;
    private final Supplier<BpfObject> guard;
    private final Supplier<String> status;
    private final Runnable commandedChanged;
    private final Map<String, KernelThread> netnsThreads = new ConcurrentHashMap<>();
    private final Map<String, XdpLink> links = new ConcurrentHashMap<>();
    private final Map<String, String> errors = new ConcurrentHashMap<>();
    private final Set<String> configured = new LinkedHashSet<>();
    /** Interfaces attached with ebpf:attach: kept in the saved state and attached again at start. */
    private final Set<String> commanded = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private long lastRetry = System.nanoTime();

    /**
     * @param commandedChanged called (on the kernel thread) when the interfaces attached by
     *                         command changed, to save them
     */
    XdpAttachments(KernelThread kernel, Supplier<Libbpf> lib, Supplier<BpfObject> guard, Supplier<String> status,
                   Runnable commandedChanged) {
        this.kernel = kernel;
        this.lib = lib;
        this.guard = guard;
        this.status = status;
        this.commandedChanged = commandedChanged;
    }

    /** The interfaces the saved state says were attached by command. */
    void restoreCommanded(Collection<String> specs) {
        commanded.addAll(specs);
    }

    /** Interfaces attached by command, for the saved state. */
    Set<String> commanded() {
        return Set.copyOf(commanded);
    }

    /** Attaches to configured interfaces not yet attached; detaches ones no longer configured. */
    void applyConfigured(List<String> wanted) {
        for (String old : new ArrayList<>(configured)) {
            if (!wanted.contains(old)) {
                configured.remove(old);
                XdpLink l = links.remove(old);
                if (l != null) {
                    l.close();
                    LOG.info("mesh_guard detached from {} (no longer configured)", old);
                }
                errors.remove(old);
            }
        }
        for (String spec : wanted) {
            configured.add(spec);
            if (!links.containsKey(spec)) {
                attach(spec);
            }
        }
    }

    void attachCommanded() {
        commanded.forEach(this::attach);
    }

    /** Attaches on the spec's thread; the future fails with the reason, which is also logged once. */
    CompletableFuture<XdpLink> attach(String spec) {
        String[] parts = split(spec);
        KernelThread t = threadFor(parts[0]);
        return t.submit(() -> {
            if (stopped) {
                throw new IllegalStateException("the guard is stopping");
            }
            XdpLink existing = links.get(spec);
            if (existing != null && existing.open()) {
                return existing;
            }
            BpfObject g = guard.get();
            if (g == null || !g.isOpen()) {
                throw new BpfException("mesh_guard is not loaded: " + status.get(), 2);
            }
            BpfProgram p = g.program(GuardMaps.PROGRAM).orElseThrow();
            XdpLink link = p.attachXdp(parts[1], spec);
            links.put(spec, link);
            errors.remove(spec);
            LOG.info("mesh_guard attached to {} in {} mode", spec, link.mode());
            return link;
        }).whenComplete((l, e) -> {
            if (e != null) {
                kernel.submit(() -> {
                    dropIdleThread(parts[0]);
                    return null;
                });
                String msg = cause(e).getMessage();
                if (!msg.equals(errors.put(spec, msg))) {
                    LOG.warn("mesh_guard not attached to {}: {}", spec, msg);
                }
            }
        });
    }

    /** After {@code ebpf:attach} succeeded: a spec not in the configuration is kept in the saved state. */
    void commandedAttach(String spec) {
        if (!configured.contains(spec) && commanded.add(spec)) {
            commandedChanged.run();
        }
    }

    /** {@code ebpf:detach}: forgets the spec whichever source named it; whether it was attached. */
    boolean detach(String spec) {
        String netns = split(spec)[0];
        configured.remove(spec);
        if (commanded.remove(spec)) {
            commandedChanged.run();
        }
        errors.remove(spec);
        XdpLink l = links.remove(spec);
        dropIdleThread(netns);
        if (l == null) {
            return false;
        }
        l.close();
        LOG.info("mesh_guard detached from {}", spec);
        return true;
    }

    /** Attaches again what should be attached and is not, at most every {@link #RETRY_MS}. */
    void retryMissing() {
        long now = System.nanoTime();
        BpfObject g = guard.get();
        if (g == null || !g.isOpen() || now - lastRetry < TimeUnit.MILLISECONDS.toNanos(RETRY_MS)) {
            return;
        }
        lastRetry = now;
        Set<String> wanted = new LinkedHashSet<>(configured);
        wanted.addAll(commanded);
        for (String spec : wanted) {
            if (!links.containsKey(spec)) {
                attach(spec);
            }
        }
    }

    /** Closes every link and returns where they were, for a reload to attach the new program there. */
    List<String> closeLinks() {
        List<String> where = new ArrayList<>(links.keySet());
        links.values().forEach(XdpLink::close);
        links.clear();
        return where;
    }

    /** From now on attaching fails: the guard is stopping. */
    void refuseNew() {
        stopped = true;
    }

    /** Stops the namespace threads and closes links an attach still running may have made. */
    void stop() {
        netnsThreads.values().forEach(t -> t.stop(2000));
        netnsThreads.clear();
        closeLinks();
    }

    boolean isEmpty() {
        return links.isEmpty();
    }

    /** The specs attached now, sorted. */
    List<String> interfaces() {
        return links.entrySet().stream().filter(e -> e.getValue().open()).map(Map.Entry::getKey).sorted().toList();
    }

    /** Each attachment with its mode, and each failed one with its reason. */
    List<EbpfAdmin.Attachment> attachments() {
        Map<String, EbpfAdmin.Attachment> out = new TreeMap<>();
        links.forEach((k, l) -> out.put(k, new EbpfAdmin.Attachment(k, l.mode().name().toLowerCase(), null)));
        errors.forEach((k, e) -> out.putIfAbsent(k, new EbpfAdmin.Attachment(k, "-", e)));
        return List.copyOf(out.values());
    }

    /** {@code [netns or null, ifname]}; throws IllegalArgumentException naming a malformed spec. */
    static String[] split(String spec) {
        String s = EbpfConfigReader.checkInterface(spec);
        int slash = s.indexOf('/');
        return slash < 0 ? new String[] {null, s} : new String[] {s.substring(0, slash), s.substring(slash + 1)};
    }

    private KernelThread threadFor(String netns) {
        if (netns == null) {
            return kernel;
        }
        return netnsThreads.computeIfAbsent(netns, n -> {
            Libbpf l = lib.get();
            return new KernelThread(l == null ? Libbpf.unloaded() : l, n, "x0tta6bl4-ebpf-netns-" + n);
        });
    }

    /** Stops the thread of a namespace nothing is attached in, so a re-created namespace is entered afresh. */
    private void dropIdleThread(String netns) {
        if (netns == null || links.keySet().stream().anyMatch(k -> k.startsWith(netns + "/"))) {
            return;
        }
        KernelThread t = netnsThreads.remove(netns);
        if (t != null) {
            t.stop(0);
        }
    }

    /** The exception inside the futures' wrapping. */
    static Throwable cause(Throwable e) {
        Throwable c = e;
        while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
