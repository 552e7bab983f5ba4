package io.x0tta6bl4.ebpf.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.x0tta6bl4.api.ebpf.MacAddresses;
import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.api.ebpf.ProgramAudit;
import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.ebpf.internal.elf.BpfFormatException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfMap;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.BpfProgram;
import io.x0tta6bl4.ebpf.internal.kernel.HelperProbe;
import io.x0tta6bl4.ebpf.internal.kernel.KernelThread;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;
import io.x0tta6bl4.ebpf.internal.kernel.XdpLink;
import io.x0tta6bl4.ebpf.internal.validate.HelperSet;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh guard: keeps the quarantine and allow lists and the enforcement flag in Java,
 * and mirrors them into mesh_guard's maps whenever the program is loaded. All kernel work
 * (loading libbpf, loading the object, map operations, attaching) runs on the thread
 * {@code x0tta6bl4-ebpf-kernel}, and attaching to {@code netns/ifname} on a thread of its own
 * that entered that namespace; activation only schedules it. Without BPF or libbpf the
 * service stays registered, says why in {@link #status()}, and keeps the lists. Loading is
 * {@link GuardLoader}'s, map access {@link GuardMapAccess}'.
 */
@Component(service = {MeshGuard.class, EbpfAdmin.class}, immediate = true, configurationPid = EbpfManager.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EbpfConfiguration.class)
public final class EbpfManager implements MeshGuard, EbpfAdmin {

    static final String PID = "io.x0tta6bl4.ebpf";
    static final long WAIT_MS = 30_000;
    static final long RETRY_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(EbpfManager.class);

    private final EbpfConfigReader configReader = new EbpfConfigReader(LOG::warn);
    private final Map<String, String> quarantine = new ConcurrentHashMap<>();
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final Map<String, KernelThread> netnsThreads = new ConcurrentHashMap<>();
    private final Map<String, XdpLink> links = new ConcurrentHashMap<>();
    private final Map<String, String> attachErrors = new ConcurrentHashMap<>();
    private final List<BpfObject> extraObjects = new ArrayList<>();
    /** The bytes each extra object was loaded from, so an audit can validate them again. */
    private final Map<BpfObject, byte[]> extraElves = new IdentityHashMap<>();
    private final DropReporter reporter = new DropReporter();
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();

    private volatile EbpfConfig config = EbpfConfig.DEFAULTS;
    private volatile boolean enforcing;
    private volatile String status = "starting";
    private volatile Libbpf lib;
    /** What the validator checks helper calls against: probed once on the kernel thread at start. */
    private volatile HelperSet helpers = HelperSet.builtIn("the kernel has not been probed yet");
    private volatile BpfObject guard;
    private volatile boolean stopped;
    private long lastRetry = System.nanoTime();
    private KernelThread kernel;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> healthTask;
    private final Set<String> configuredInterfaces = new LinkedHashSet<>();
    /** Interfaces attached with ebpf:attach: kept in the saved state and attached again at start. */
    private final Set<String> commandInterfaces = ConcurrentHashMap.newKeySet();
    /** The saved state in the bundle's data area; null keeps nothing (tests without OSGi). */
    private volatile Path stateFile;
    /** No save before the saved state is back: it would overwrite it. */
    private volatile boolean stateRestored;

    /** Root of the pins in bpffs; the system property x0tta6bl4.ebpf.pinPath, empty for no pinning. */
    static final String PIN_ROOT = "/sys/fs/bpf/x0tta6bl4";
    private volatile String pinRoot = System.getProperty("x0tta6bl4.ebpf.pinPath", PIN_ROOT).trim();

    @Activate
    void start(BundleContext context, Map<String, Object> properties) {
        File f = context.getDataFile(GuardState.FILE);
        stateFile = f == null ? null : f.toPath();
        activate(properties);
    }

    /**
     * Keeps the state in {@code file} and pins maps under {@code pins} (null: none); tests,
     * the component uses its bundle's data area and {@link #PIN_ROOT}.
     */
    void keepStateIn(Path file, Path pins) {
        stateFile = file;
        pinRoot = pins == null ? "" : pins.toString();
    }

    /** Activation without OSGi (tests). */
    void activate(Map<String, Object> properties) {
        config = configReader.read(EbpfConfig.DEFAULTS, properties);
        enforcing = config.enforce();
        allowed.addAll(config.allowed());
        kernel = new KernelThread(Libbpf.unloaded(), null, "x0tta6bl4-ebpf-kernel");
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "x0tta6bl4-ebpf-health");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        scheduler = s;
        kernel.submit(() -> {
            start();
            return null;
        });
        scheduleHealth();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        EbpfConfig before = config;
        config = configReader.read(before, properties);
        if (config.enforce() != before.enforce()) {
            enforcing = config.enforce();
        }
        allowed.addAll(config.allowed());
        if (config.healthIntervalMs() != before.healthIntervalMs()) {
            scheduleHealth();
        }
        kernel.submit(() -> {
            syncMaps();
            applyInterfaces();
            return null;
        });
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        scheduler.shutdownNow();
        Future<?> done = kernel.submit(() -> {
            closeAll();
            return null;
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Releasing the eBPF programs did not finish cleanly: {}", e.toString());
        }
        kernel.stop(5000);
        netnsThreads.values().forEach(t -> t.stop(2000));
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        netnsThreads.clear();
        // an attach that was already running on a namespace thread may have finished after closeAll
        links.values().forEach(XdpLink::close);
        links.clear();
    }

    // --- kernel thread work

    /**
     * First task of the kernel thread: the saved state, libbpf, then mesh_guard (with its
     * pinned maps), then the configured interfaces and those the shell had attached.
     */
    private void start() {
        restoreState();
        lib = Libbpf.load();
        helpers = HelperProbe.probe(lib);
        LOG.info("eBPF validator helpers: {}", helpers.source());
        if (!lib.available()) {
            status = "degraded: " + lib.unavailableReason();
            LOG.warn("eBPF guard degraded: {}", lib.unavailableReason());
            return;
        }
        if (config.loadOnStart() || !config.interfaces().isEmpty()) {
            try {
                loadGuard();
            } catch (Exception e) {
                return;
            }
            applyInterfaces();
            commandInterfaces.forEach(this::attachAsync);
        } else {
            status = "not loaded (load.on.start=false)";
        }
    }

    private void restoreState() {
        Path file = stateFile;
        GuardState saved = GuardState.load(file, LOG::warn);
        if (saved != null) {
            saved.quarantine().forEach(quarantine::putIfAbsent);
            allowed.addAll(saved.allowed());
            enforcing = saved.enforcing();
            commandInterfaces.addAll(saved.attached());
            LOG.info("eBPF guard state restored: {} quarantined, {} allowed, enforcing {}, attached by the shell {}",
                    saved.quarantine().size(), saved.allowed().size(), saved.enforcing(), saved.attached());
        } else if (file != null) {
            // first start of this bundle (an uninstall deletes the data area): pins left by an
            // earlier installation are not ours to continue
            Path pins = pinDir();
            if (pins != null && Files.isDirectory(pins)) {
                GuardLoader.unpin(pins);
                LOG.info("Removed mesh_guard maps pinned in {} by an earlier installation", pins);
            }
        }
        stateRestored = true;
        saveState();
    }

    /** Writes the state on the kernel thread, after every change the caller made. */
    private void saveState() {
        Path file = stateFile;
        if (file == null || !stateRestored) {
            return;
        }
        try {
            new GuardState(Map.copyOf(quarantine), Set.copyOf(allowed), enforcing,
                    GuardState.sorted(commandInterfaces)).save(file);
        } catch (IOException e) {
            LOG.warn("eBPF guard state could not be saved to {} (it stays in force until the bundle stops): {}",
                    file, e.toString());
        }
    }

    /** Where mesh_guard's maps are pinned, or null when they are not (no data area, or pinning off). */
    private Path pinDir() {
        if (stateFile == null) {
            return null;
        }
        String root = pinRoot;
        return root.isEmpty() ? null : Path.of(root, GuardState.PIN_DIR);
    }

    private BpfObject loadGuard() throws Exception {
        if (guard != null && guard.isOpen()) {
            return guard;
        }
        if (lib == null || !lib.available()) {
            throw new BpfException(lib == null ? "libbpf is not loaded yet" : lib.unavailableReason(), 38);
        }
        try {
            byte[] elf = GuardLoader.resource(GuardMaps.OBJECT_RESOURCE);
            GuardLoader.validate(GuardMaps.PROGRAM, elf, helpers);
            guard = GuardLoader.loadPinned(lib, elf, pinDir(), o -> {
                try {
                    reporter.prime(GuardMapAccess.counters(o));
                } catch (BpfException e) {
                    LOG.debug("Reused counters cannot be read: {}", e.getMessage());
                }
            });
            status = "loaded";
            syncMaps();
            LOG.info("mesh_guard loaded: {} instructions, maps {}", guard.programs().get(0).instructions(),
                    guard.maps().stream().map(BpfMap::name).toList());
            return guard;
        } catch (BpfException e) {
            status = "degraded: " + e.getMessage();
            LOG.warn("eBPF guard degraded: {}{}", e.getMessage(),
                    e.verifierLog() == null ? "" : "\nverifier log:\n" + e.verifierLog());
            throw e;
        } catch (BpfFormatException | IOException e) {
            status = "degraded: " + e.getMessage();
            LOG.warn("eBPF guard degraded: {}", e.getMessage());
            throw e;
        }
    }

    /** Writes the Java lists into the kernel maps; no-op when nothing is loaded. */
    private void syncMaps() throws BpfException {
        GuardMapAccess.sync(guard, quarantine.keySet(), allowed, enforcing, config.attestPort());
    }

    /** Attaches to configured interfaces not yet attached; detaches ones no longer configured. */
    private void applyInterfaces() {
        List<String> wanted = config.interfaces();
        for (String old : new ArrayList<>(configuredInterfaces)) {
            if (!wanted.contains(old)) {
                configuredInterfaces.remove(old);
                XdpLink l = links.remove(old);
                if (l != null) {
                    l.close();
                    LOG.info("mesh_guard detached from {} (no longer configured)", old);
                }
                attachErrors.remove(old);
            }
        }
        for (String spec : wanted) {
            configuredInterfaces.add(spec);
            if (!links.containsKey(spec)) {
                attachAsync(spec);
            }
        }
    }

    private CompletableFuture<XdpLink> attachAsync(String spec) {
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
            BpfObject g = guard;
            if (g == null || !g.isOpen()) {
                throw new BpfException("mesh_guard is not loaded: " + status, 2);
            }
            BpfProgram p = g.program(GuardMaps.PROGRAM).orElseThrow();
            XdpLink link = p.attachXdp(parts[1], spec);
            links.put(spec, link);
            attachErrors.remove(spec);
            LOG.info("mesh_guard attached to {} in {} mode", spec, link.mode());
            return link;
        }).whenComplete((l, e) -> {
            if (e != null) {
                kernel.submit(() -> {
                    dropIdleThread(parts[0]);
                    return null;
                });
                String msg = cause(e).getMessage();
                if (!msg.equals(attachErrors.put(spec, msg))) {
                    LOG.warn("mesh_guard not attached to {}: {}", spec, msg);
                }
            }
        });
    }

    private static String[] split(String spec) {
        String s = EbpfConfigReader.checkInterface(spec);
        int slash = s.indexOf('/');
        return slash < 0 ? new String[] {null, s} : new String[] {s.substring(0, slash), s.substring(slash + 1)};
    }

    private KernelThread threadFor(String netns) {
        if (netns == null) {
            return kernel;
        }
        return netnsThreads.computeIfAbsent(netns, n -> new KernelThread(lib == null ? Libbpf.unloaded() : lib, n,
                "x0tta6bl4-ebpf-netns-" + n));
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

    private void closeAll() {
        links.values().forEach(XdpLink::close);
        links.clear();
        BpfObject g = guard;
        guard = null;
        if (g != null) {
            g.close();
        }
        synchronized (extraObjects) {
            extraObjects.forEach(BpfObject::close);
            extraObjects.clear();
            extraElves.clear();
        }
        status = "stopped";
    }

    // --- health

    private synchronized void scheduleHealth() {
        if (healthTask != null) {
            healthTask.cancel(false);
        }
        long every = config.healthIntervalMs();
        healthTask = scheduler.scheduleWithFixedDelay(() -> kernel.submit(() -> {
            pollHealth();
            return null;
        }), every, every, TimeUnit.MILLISECONDS);
    }

    private void pollHealth() {
        retryConfigured();
        EventAdmin admin = eventAdmin.get();
        if (admin == null || links.isEmpty() || guard == null) {
            return;
        }
        try {
            List<HealthEvent> events = reporter.observe(GuardMapAccess.counters(guard), Map.copyOf(quarantine), Set.copyOf(allowed),
                    enforcing, System.currentTimeMillis(), config.healthPeerIntervalMs(), config.healthMaxPerMinute());
            for (HealthEvent e : events) {
                admin.postEvent(e.toEvent());
            }
        } catch (BpfException | RuntimeException e) {
            LOG.debug("Could not read drop counters", e);
        }
    }

    /**
     * Configured interfaces that could not be attached (a namespace or interface that does
     * not exist yet) are tried again every {@link #RETRY_MS}; the WARN line repeats only
     * when the reason changes.
     */
    private void retryConfigured() {
        long now = System.nanoTime();
        BpfObject g = guard;
        if (g == null || !g.isOpen() || now - lastRetry < TimeUnit.MILLISECONDS.toNanos(RETRY_MS)) {
            return;
        }
        lastRetry = now;
        Set<String> wanted = new LinkedHashSet<>(configuredInterfaces);
        wanted.addAll(commandInterfaces);
        for (String spec : wanted) {
            if (!links.containsKey(spec)) {
                attachAsync(spec);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEventAdmin")
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    // --- MeshGuard

    @Override
    public void quarantine(String mac, String reason) {
        quarantine.put(MacAddresses.normalize(mac), reason == null ? "" : reason);
        sync();
    }

    @Override
    public boolean release(String mac) {
        boolean was = quarantine.remove(MacAddresses.normalize(mac)) != null;
        sync();
        return was;
    }

    @Override
    public Set<String> quarantined() {
        return Set.copyOf(new TreeSet<>(quarantine.keySet()));
    }

    @Override
    public Map<String, String> quarantineReasons() {
        return Map.copyOf(quarantine);
    }

    @Override
    public Map<String, PeerCounters> counters() {
        if (guard == null) {
            return Map.of();
        }
        try {
            return onKernel(() -> GuardMapAccess.counters(guard));
        } catch (Exception e) {
            LOG.debug("Could not read counters", e);
            return Map.of();
        }
    }

    @Override
    public void setEnforcing(boolean on) {
        enforcing = on;
        sync();
    }

    @Override
    public boolean enforcing() {
        return enforcing;
    }

    @Override
    public void allow(String mac) {
        allowed.add(MacAddresses.normalize(mac));
        sync();
    }

    @Override
    public boolean disallow(String mac) {
        boolean was = allowed.remove(MacAddresses.normalize(mac));
        sync();
        return was;
    }

    @Override
    public Set<String> allowed() {
        return Set.copyOf(allowed);
    }

    @Override
    public List<String> interfaces() {
        return links.entrySet().stream().filter(e -> e.getValue().open()).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Mirrors the lists into the kernel on the kernel thread; returns at once (callers may be
     * EventAdmin or DS threads). {@link #flush()} waits for it.
     */
    private void sync() {
        if (stopped) {
            return;
        }
        kernel.submit(() -> {
            saveState();
            syncMaps();
            return null;
        }).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("Could not update the mesh_guard maps: {}", cause(e).getMessage());
            }
        });
    }

    // --- EbpfAdmin

    @Override
    public String status() {
        return status;
    }

    @Override
    public void flush() throws Exception {
        onKernel(() -> null);
    }

    @Override
    public String attach(String spec) throws Exception {
        split(spec); // throws IllegalArgumentException naming a malformed spec
        onKernel(() -> loadGuard());
        String s = spec.trim();
        String mode;
        try {
            mode = attachAsync(s).get(WAIT_MS, TimeUnit.MILLISECONDS).mode().name().toLowerCase();
        } catch (ExecutionException e) {
            throw (Exception) cause(e);
        }
        onKernel(() -> {
            if (!configuredInterfaces.contains(s) && commandInterfaces.add(s)) {
                saveState();
            }
            return null;
        });
        return mode;
    }

    @Override
    public boolean detach(String spec) throws Exception {
        String[] parts = split(spec);
        String s = spec.trim();
        return onKernel(() -> {
            configuredInterfaces.remove(s);
            if (commandInterfaces.remove(s)) {
                saveState();
            }
            attachErrors.remove(s);
            XdpLink l = links.remove(s);
            dropIdleThread(parts[0]);
            if (l == null) {
                return false;
            }
            l.close();
            LOG.info("mesh_guard detached from {}", s);
            return true;
        });
    }

    @Override
    public ProgramInfo reload() throws Exception {
        return onKernel(() -> {
            List<String> where = new ArrayList<>(links.keySet());
            links.values().forEach(XdpLink::close);
            links.clear();
            BpfObject old = guard;
            guard = null;
            if (old != null) {
                old.close();
            }
            loadGuard();
            for (String spec : where) {
                attachAsync(spec);
            }
            return info(guard, guard.programs().get(0), where);
        });
    }

    @Override
    public List<ProgramInfo> loadFile(String name, byte[] elf) throws Exception {
        return onKernel(() -> {
            GuardLoader.validate(name, elf, helpers); // here the helpers have been probed
            if (lib == null || !lib.available()) {
                throw new BpfException(lib == null ? "libbpf is not loaded yet" : lib.unavailableReason(), 38);
            }
            BpfObject o = BpfObject.load(lib, name, elf);
            synchronized (extraObjects) {
                extraObjects.add(o);
                extraElves.put(o, elf.clone());
            }
            return o.programs().stream().map(p -> info(o, p, List.of())).toList();
        });
    }

    @Override
    public List<ProgramInfo> programs() {
        List<ProgramInfo> out = new ArrayList<>();
        BpfObject g = guard;
        if (g != null && g.isOpen()) {
            for (BpfProgram p : g.programs()) {
                out.add(info(g, p, interfaces()));
            }
        }
        synchronized (extraObjects) {
            for (BpfObject o : extraObjects) {
                o.programs().forEach(p -> out.add(info(o, p, List.of())));
            }
        }
        return out;
    }

    @Override
    public List<ProgramAudit> audit() {
        List<ProgramAudit> out = new ArrayList<>();
        BpfObject g = guard;
        if (g != null && g.isOpen()) {
            byte[] elf;
            try {
                elf = GuardLoader.resource(GuardMaps.OBJECT_RESOURCE);
            } catch (IOException e) {
                elf = null;
            }
            GuardLoader.audit(g, elf, interfaces(), helpers, out);
        }
        synchronized (extraObjects) {
            for (BpfObject o : extraObjects) {
                GuardLoader.audit(o, extraElves.get(o), List.of(), helpers, out);
            }
        }
        return out;
    }

    private static ProgramInfo info(BpfObject o, BpfProgram p, List<String> attached) {
        return new ProgramInfo(o.name(), p.name(), p.section(), p.fd(), p.instructions(), List.copyOf(attached));
    }

    @Override
    public List<Attachment> attachments() {
        Map<String, Attachment> out = new TreeMap<>();
        links.forEach((k, l) -> out.put(k, new Attachment(k, l.mode().name().toLowerCase(), null)));
        attachErrors.forEach((k, e) -> out.putIfAbsent(k, new Attachment(k, "-", e)));
        return List.copyOf(out.values());
    }

    @Override
    public List<MapInfo> maps() throws Exception {
        BpfObject g = guard;
        if (g == null) {
            return List.of();
        }
        return onKernel(() -> GuardMapAccess.maps(g));
    }

    @Override
    public Map<String, String> mapEntries(String name) throws Exception {
        BpfObject g = guard;
        if (g == null) {
            throw new IllegalStateException("mesh_guard is not loaded: " + status);
        }
        BpfMap m = g.map(name).orElseThrow(() -> new IllegalArgumentException("no map '" + name
                + "' (ebpf:maps lists them)"));
        return onKernel(() -> GuardMapAccess.entries(m));
    }

    @Override
    public Map<String, Long> globalCounters() throws Exception {
        BpfObject g = guard;
        if (g == null) {
            return GuardMaps.globalsTemplate();
        }
        return onKernel(() -> GuardMapAccess.globalCounters(g));
    }

    @Override
    public HelperSet helpers() throws Exception {
        return onKernel(() -> helpers);
    }

    private <T> T onKernel(Callable<T> task) throws Exception {
        try {
            return kernel.submit(task).get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = cause(e);
            throw c instanceof Exception ex ? ex : new IllegalStateException(c);
        }
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while ((c instanceof ExecutionException || c instanceof CompletionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
