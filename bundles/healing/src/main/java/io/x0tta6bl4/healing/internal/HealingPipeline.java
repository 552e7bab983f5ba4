package io.x0tta6bl4.healing.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.healing.HealingStats;
import io.x0tta6bl4.api.healing.HealingTopics;
import io.x0tta6bl4.api.topology.TopologyService;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MAPE-K loop as Camel routes in the Java DSL, around the {@link HealingEngine}:
 * <pre>
 * EventAdmin -> EventBridge -> seda:healing-monitor (bounded) -> monitor -> direct:healing-analyze
 * timer:healing-sample (1 s): links measured since the last sample -> anomaly detectors -> direct:healing-analyze
 * timer:healing-tick (verify, damping, loss report, store) -> direct:healing-plan
 * direct:healing-plan -> split -> seda:healing-execute -> action   (dead letters -> direct:healing-dead-letter)
 * </pre>
 * Camel's threads are named {@code x0tta6bl4-healing-...}. Public so benchmarks can drive it
 * outside OSGi.
 */
public final class HealingPipeline implements AutoCloseable {

    static final String MONITOR = "seda:healing-monitor";
    static final String ANALYZE = "direct:healing-analyze";
    static final String PLAN = "direct:healing-plan";
    static final String EXECUTE = "seda:healing-execute";
    static final String DEAD_LETTER = "direct:healing-dead-letter";
    static final long TICK_MS = 100;
    static final long SAMPLE_MS = 1000;
    static final long DROP_REPORT_MS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(HealingPipeline.class);

    private final HealingEngine engine;
    private final Monitor monitor;
    private final Publisher publisher;
    private final KnowledgeStore store;
    private final CamelContext camel;
    private final ProducerTemplate template;
    private final EventBridge bridge;
    private volatile LongConsumer decisions = n -> { };
    private long reportedDrops;
    private long lastDropReport;
    private final RobustZDetector detector;

    HealingPipeline(Clock clock, HealingConfig config, ActionRegistry actions, KnowledgeStore store,
                    Publisher publisher, Supplier<TopologyService> topology, Consumer<String> warn) {
        this.publisher = publisher;
        this.store = store;
        this.engine = new HealingEngine(clock, config, actions, store, publisher, topology);
        this.detector = new RobustZDetector(config.anomalyZ(), config.anomalyAlpha(), config.anomalyWarmup());
        this.monitor = new Monitor(topology, detector, warn);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(HealingPipeline.class.getClassLoader());
        try {
            DefaultCamelContext ctx = new DefaultCamelContext(false);
            ctx.getCamelContextExtension().setName("x0tta6bl4-healing");
            ctx.getExecutorServiceManager().setThreadNamePattern("x0tta6bl4-healing-#counter#-#name#");
            ctx.setApplicationContextClassLoader(HealingPipeline.class.getClassLoader());
            ctx.getShutdownStrategy().setTimeout(5);
            ctx.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
            ctx.getShutdownStrategy().setShutdownNowOnTimeout(true);
            ctx.build();
            this.camel = ctx;
            this.template = ctx.createProducerTemplate();
            this.bridge = new EventBridge(template, monitorUri(config));
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    /** A pipeline without OSGi, store or topology, for benchmarks; {@code config} takes the bundle's keys. */
    public static HealingPipeline standalone(Map<String, ?> config) {
        HealingConfig c = new HealingConfigReader(LOG::warn).read(HealingConfig.DEFAULTS, config);
        ActionRegistry registry = new ActionRegistry();
        HealingPipeline p = new HealingPipeline(Clock.systemUTC(), c, registry, KnowledgeStore.inMemory(),
                Publisher.NONE, () -> null, LOG::warn);
        BuiltInActions.register(registry, ActionServices.none(), null, p.template, () -> c.notifyUri());
        return p;
    }

    private static String monitorUri(HealingConfig config) {
        return MONITOR + "?size=" + config.queueCapacity() + "&blockWhenFull=false";
    }

    HealingEngine engine() {
        return engine;
    }

    Monitor monitor() {
        return monitor;
    }

    ProducerTemplate template() {
        return template;
    }

    /** The EventAdmin handler feeding the loop. */
    public EventBridge bridge() {
        return bridge;
    }

    /** Called with the intake time ({@link System#nanoTime()}) of every event once the analysis decided on it. */
    public void onDecision(LongConsumer listener) {
        decisions = listener == null ? n -> { } : listener;
    }

    public HealingStats stats() {
        return engine.stats(bridge.received(), bridge.dropped());
    }

    /** Loads the knowledge store and starts the routes; slow, never on a DS or EventAdmin thread. */
    public void start() throws Exception {
        int loaded = engine.load();
        if (loaded > 0) {
            LOG.info("Loaded {} incidents from the knowledge store", loaded);
        }
        String monitorUri = bridge == null ? null : monitorUriOf();
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(HealingPipeline.class.getClassLoader());
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(monitorUri).routeId("healing-monitor")
                            .process(e -> e.getMessage().setBody(monitor.signals(e.getMessage().getBody(Event.class))))
                            .filter(e -> !e.getMessage().getBody(List.class).isEmpty())
                            .to(ANALYZE);

                    from("timer:healing-sample?period=" + SAMPLE_MS).routeId("healing-sample")
                            .process(e -> {
                                e.getMessage().setHeader(HealthEvents.INTAKE_NANOS, System.nanoTime());
                                e.getMessage().setBody(monitor.sample());
                            })
                            .filter(e -> !e.getMessage().getBody(List.class).isEmpty())
                            .to(ANALYZE);

                    from(ANALYZE).routeId("healing-analyze")
                            .process(HealingPipeline.this::analyze)
                            .filter(e -> engine.config().correlationWindowMs() == 0)
                            .to(PLAN);

                    from(PLAN).routeId("healing-plan")
                            .process(e -> e.getMessage().setBody(engine.plan()))
                            .split(body())
                            .to(EXECUTE);

                    from("timer:healing-tick?period=" + TICK_MS).routeId("healing-tick")
                            .process(HealingPipeline.this::tick)
                            .to(PLAN);

                    from(EXECUTE + "?concurrentConsumers=2&size=10000").routeId("healing-execute")
                            .errorHandler(deadLetterChannel(DEAD_LETTER).maximumRedeliveries(0).useOriginalMessage())
                            .process(e -> engine.execute(e.getMessage().getBody(Ticket.class)));

                    from(DEAD_LETTER).routeId("healing-dead-letter")
                            .process(e -> engine.deadLetter(e.getMessage().getBody(Ticket.class),
                                    e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)))
                            .to("log:io.x0tta6bl4.healing.dead-letter?level=WARN&showCaughtException=true");
                }
            });
            camel.start();
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private String monitorUriOf() {
        return monitorUri(engine.config());
    }

    private void analyze(Exchange e) {
        @SuppressWarnings("unchecked")
        List<HealthEvent> events = e.getMessage().getBody(List.class);
        long intakeNanos = e.getMessage().getHeader(HealthEvents.INTAKE_NANOS, 0L, Long.class);
        LongConsumer listener = decisions;
        for (HealthEvent event : events) {
            engine.analyze(event);
            listener.accept(intakeNanos);
        }
    }

    private void tick(Exchange e) {
        for (Ticket rollback : engine.tick()) {
            template.sendBody(EXECUTE, rollback);
        }
        long dropped = bridge.dropped();
        long now = System.currentTimeMillis();
        if (dropped > reportedDrops && now - lastDropReport >= DROP_REPORT_MS) {
            long delta = dropped - reportedDrops;
            LOG.warn("Intake queue full: {} health event(s) dropped since the last report ({} in total); raise {}",
                    delta, dropped, HealingConfig.QUEUE_CAPACITY);
            publisher.publish(HealingTopics.EVENTS_DROPPED, Map.of(HealingTopics.DROPPED, delta,
                    "total", dropped, "timestamp", now));
            reportedDrops = dropped;
            lastDropReport = now;
        }
        try {
            engine.flush();
        } catch (RuntimeException ex) {
            LOG.warn("Could not write the knowledge store: {}", ex.toString());
        }
    }

    void configure(HealingConfig config) {
        engine.configure(config);
        detector.configure(config.anomalyZ(), config.anomalyAlpha(), config.anomalyWarmup());
    }

    /** Stops the routes (draining nothing), writes the store and closes it. */
    @Override
    public void close() {
        try {
            camel.stop();
        } catch (RuntimeException e) {
            LOG.warn("Camel did not stop cleanly: {}", e.toString());
        }
        monitor.close();
        engine.close();
        try {
            engine.flush();
        } finally {
            store.close();
        }
    }
}
