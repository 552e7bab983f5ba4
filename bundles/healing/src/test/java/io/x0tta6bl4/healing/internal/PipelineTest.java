package io.x0tta6bl4.healing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.HealthKinds;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.api.healing.Incident;
import io.x0tta6bl4.api.healing.IncidentState;
import io.x0tta6bl4.support.testing.Waits;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** The real Camel routes, outside OSGi: events in through the bridge, actions out, dead letters, loss counting. */
class PipelineTest {

    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);

    private final List<String> published = new CopyOnWriteArrayList<>();

    private HealingPipeline pipeline(ActionRegistry registry, Object... kv) {
        Map<String, Object> raw = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            raw.put((String) kv[i], kv[i + 1]);
        }
        HealingConfig c = new HealingConfigReader(w -> { throw new AssertionError(w); }).read(HealingConfig.DEFAULTS, raw);
        HealingPipeline p = new HealingPipeline(Clock.systemUTC(), c, registry, KnowledgeStore.inMemory(),
                (t, props) -> published.add(t.substring(t.lastIndexOf('/') + 1)), () -> null, w -> { });
        BuiltInActions.register(registry, ActionServices.none(), null, p.template(), () -> c.notifyUri());
        return p;
    }

    private static Event health(String kind, String subject, Severity severity) {
        return HealthEvent.of("test", kind, subject, severity, "test").toEvent();
    }

    @Test
    void anEventBecomesAnIncidentWhoseActionRunsAndAThrowingActionIsADeadLetter() throws Exception {
        ActionRegistry registry = new ActionRegistry();
        List<String> ran = new CopyOnWriteArrayList<>();
        registry.add(new ActionHandle("boom", r -> {
            ran.add("boom");
            throw new IllegalStateException("kaput");
        }, List.of("X"), false, false, true, "test", ""));
        try (HealingPipeline p = pipeline(registry, "correlation.window.ms", "0", "backoff.initial.ms", "1",
                "policy.X", "boom, notify")) {
            p.start();
            assertTrue(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> n.contains("Camel")).findAny().isEmpty(), "Camel threads are named x0tta6bl4-healing-...");
            p.bridge().handleEvent(health("X", "s1", Severity.WARNING));
            Waits.until(WAIT, () -> p.engine().incidents(false).stream().anyMatch(i -> i.actions().size() == 2));
            Incident i = p.engine().incidents(false).get(0);
            assertEquals(List.of("FAILED", "SUCCEEDED"), i.actions().stream().map(a -> a.outcome()).toList());
            assertEquals(1, p.stats().deadLetters());
            Waits.until(WAIT, () -> p.engine().incidents(false).get(0).state() == IncidentState.ESCALATED);
            assertTrue(published.contains("INCIDENT_OPENED"));
            assertTrue(published.contains("ACTION_EXECUTED"));
            // the loop goes on
            p.bridge().handleEvent(health(HealthKinds.NODE_DOWN, "n1", Severity.WARNING));
            Waits.until(WAIT, () -> p.engine().incidents(false).size() == 2);
            p.bridge().handleEvent(health(HealthKinds.NODE_UP, "n1", Severity.INFO));
            Waits.until(WAIT, () -> p.engine().incidents(true).size() == 1);
            assertEquals(3, p.stats().eventsReceived());
            assertEquals(0, p.stats().eventsDropped());
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        ActionRegistry registry = new ActionRegistry();
        try (HealingPipeline p = pipeline(registry, "queue.capacity", "16")) {
            p.start();
            long start = System.nanoTime();
            synchronized (p.engine()) {
                // the analysis is held up: the monitor route takes one event and blocks, 16 wait in the queue
                p.bridge().handleEvent(health("X", "s0", Severity.WARNING));
                Waits.until(WAIT, () -> p.engine().incidents(false).isEmpty() && queueTaken(p));
                for (int i = 1; i < 40; i++) {
                    p.bridge().handleEvent(health("X", "s" + i, Severity.WARNING));
                }
            }
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "the delivery thread never blocked");
            assertEquals(40, p.stats().eventsReceived());
            assertEquals(23, p.stats().eventsDropped());
            Waits.until(WAIT, () -> p.engine().incidents(false).size() == 17);
        }
    }

    private static boolean queueTaken(HealingPipeline p) {
        org.apache.camel.component.seda.SedaEndpoint e = p.template().getCamelContext().getEndpoint(
                HealingPipeline.MONITOR + "?size=16&blockWhenFull=false", org.apache.camel.component.seda.SedaEndpoint.class);
        return e.getQueue().isEmpty();
    }

    @Test
    void aNotifyActionSendsToTheConfiguredCameEndpoint() throws Exception {
        ActionRegistry registry = new ActionRegistry();
        try (HealingPipeline p = pipeline(registry, "correlation.window.ms", "0",
                "notify.uri", "seda:itest-notifications")) {
            p.start();
            p.bridge().handleEvent(health("Y", "s1", Severity.CRITICAL));
            Object body = p.template().getCamelContext().createConsumerTemplate()
                    .receiveBody("seda:itest-notifications", 10_000);
            assertTrue(String.valueOf(body).contains("Y s1 severity CRITICAL"), String.valueOf(body));
        }
    }

    @Test
    void theStandalonePipelineForBenchmarksRuns() throws Exception {
        try (HealingPipeline p = HealingPipeline.standalone(Map.of("dry.run", "true"))) {
            List<Long> decided = new CopyOnWriteArrayList<>();
            p.onDecision(decided::add);
            p.start();
            p.bridge().handleEvent(health("Z", "s", Severity.WARNING));
            Waits.until(WAIT, () -> decided.size() == 1);
        }
    }
}
