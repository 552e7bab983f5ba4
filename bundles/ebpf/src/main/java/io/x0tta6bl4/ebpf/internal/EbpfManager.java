package io.x0tta6bl4.ebpf.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.x0tta6bl4.api.ebpf.MacAddresses;
import io.x0tta6bl4.api.ebpf.MeshGuard;
import io.x0tta6bl4.api.ebpf.PeerCounters;
import io.x0tta6bl4.api.ebpf.ProgramAudit;
import io.x0tta6bl4.ebpf.internal.elf.BpfFormatException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfException;
import io.x0tta6bl4.ebpf.internal.kernel.BpfMap;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.BpfProgram;
import io.x0tta6bl4.ebpf.internal.kernel.HelperProbe;
import io.x0tta6bl4.ebpf.internal.kernel.KernelThread;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;
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
 * service stays registered, says why in {@link #status()}, and keeps the lists. This class
 * is the component facade over the lists and their saved state; loading is
 * {@link GuardLoader}'s, map access {@link GuardMapAccess}', the XDP attachments
 * {@link XdpAttachments}', health reporting {@link GuardHealth}'s and programs loaded beside
 * mesh_guard {@link ExtraObjects}'. It is over 400 lines because it implements both
 * {@code MeshGuard} and {@code EbpfAdmin}, whose methods each only hop onto the kernel thread.
 */
@Component(service = {MeshGuard.class, EbpfAdmin.class}, immediate = true, configurationPid = EbpfManager.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EbpfConfiguration.class)
public final class EbpfManager implements MeshGuard, EbpfAdmin {

    static final String PID = "io.x0tta6bl4.ebpf";
    static final long WAIT_MS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(EbpfManager.class);

    private final EbpfConfigReader configReader = new EbpfConfigReader(LOG::warn);
    private final Map<String, String> quarantine = new ConcurrentHashMap<>();
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private final ExtraObjects extraObjects = new ExtraObjects();
    private final GuardHealth health = new GuardHealth();

    private volatile EbpfConfig config = EbpfConfig.DEFAULTS;
    private volatile boolean enforcing;
    private volatile String status = "starting";
    private volatile Libbpf lib;
    /** What the validator checks helper calls against: probed once on the kernel thread at start. */
    private volatile HelperSet helpers = HelperSet.builtIn("the kernel has not been probed yet");
    private volatile BpfObject guard;
    private volatile boolean stopped;
    private KernelThread kernel;
    private XdpAttachments attachments;
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
        attachments = new XdpAttachments(kernel, () -> lib, () -> guard, () -> status, this::saveState);
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
            attachments.applyConfigured(config.interfaces());
            return null;
        });
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        attachments.refuseNew();
        health.stop();
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
        // an attach that was already running on a namespace thread may have finished after closeAll
        attachments.stop();
        health.awaitStop();
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
            attachments.applyConfigured(config.interfaces());
            attachments.attachCommanded();
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
            attachments.restoreCommanded(saved.attached());
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
                    GuardState.sorted(attachments.commanded())).save(file);
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
            guard = GuardLoader.loadPinned(lib, elf, pinDir(), health::prime);
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

    private void closeAll() {
        attachments.closeLinks();
        BpfObject g = guard;
        guard = null;
        if (g != null) {
            g.close();
        }
        extraObjects.closeAll();
        status = "stopped";
    }

    // --- health

    private void scheduleHealth() {
        health.every(config.healthIntervalMs(), () -> kernel.submit(() -> {
            attachments.retryMissing();
            if (!attachments.isEmpty()) {
                health.report(guard, Map.copyOf(quarantine), Set.copyOf(allowed), enforcing, config);
            }
            return null;
        }));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindEventAdmin")
    void bindEventAdmin(EventAdmin admin) {
        health.eventAdmin(admin);
    }

    void unbindEventAdmin(EventAdmin admin) {
        health.noEventAdmin(admin);
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
        return attachments.interfaces();
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
                LOG.warn("Could not update the mesh_guard maps: {}", XdpAttachments.cause(e).getMessage());
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
        XdpAttachments.split(spec); // throws IllegalArgumentException naming a malformed spec
        onKernel(() -> loadGuard());
        String s = spec.trim();
        String mode;
        try {
            mode = attachments.attach(s).get(WAIT_MS, TimeUnit.MILLISECONDS).mode().name().toLowerCase();
        } catch (ExecutionException e) {
            throw (Exception) XdpAttachments.cause(e);
        }
        onKernel(() -> {
            attachments.commandedAttach(s);
            return null;
        });
        return mode;
    }

    @Override
    public boolean detach(String spec) throws Exception {
        XdpAttachments.split(spec); // throws IllegalArgumentException naming a malformed spec
        String s = spec.trim();
        return onKernel(() -> attachments.detach(s));
    }

    @Override
    public ProgramInfo reload() throws Exception {
        return onKernel(() -> {
            List<String> where = attachments.closeLinks();
            BpfObject old = guard;
            guard = null;
            if (old != null) {
                old.close();
            }
            loadGuard();
            for (String spec : where) {
                attachments.attach(spec);
            }
            return ExtraObjects.info(guard, guard.programs().get(0), where);
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
            extraObjects.add(o, elf);
            return o.programs().stream().map(p -> ExtraObjects.info(o, p, List.of())).toList();
        });
    }

    @Override
    public List<ProgramInfo> programs() {
        List<ProgramInfo> out = new ArrayList<>();
        BpfObject g = guard;
        if (g != null && g.isOpen()) {
            for (BpfProgram p : g.programs()) {
                out.add(ExtraObjects.info(g, p, interfaces()));
            }
        }
        out.addAll(extraObjects.programs());
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
        extraObjects.audit(helpers, out);
        return out;
    }

    @Override
    public List<Attachment> attachments() {
        return attachments.attachments();
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
            Throwable c = XdpAttachments.cause(e);
            throw c instanceof Exception ex ? ex : new IllegalStateException(c);
        }
    }
}
