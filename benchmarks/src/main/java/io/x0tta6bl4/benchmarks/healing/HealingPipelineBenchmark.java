package io.x0tta6bl4.benchmarks.healing;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.x0tta6bl4.api.event.HealthEvent;
import io.x0tta6bl4.api.event.Severity;
import io.x0tta6bl4.healing.internal.HealingPipeline;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * Health events through the whole healing pipeline (EventAdmin handler, bounded seda queue,
 * monitor and analyze routes, correlation into incidents) against a bare EventAdmin handler
 * that does nothing, in the same run. The handler is called directly, as EventAdmin's
 * delivery thread would.
 * <p>
 * {@code *Throughput}: one operation is one event; a batch of {@value #BATCH} is sent and the
 * benchmark waits until the analysis has decided on every one (or the intake counted it as
 * dropped), so the rate is end to end. {@code *Latency} (sample mode, see p0.99): one event
 * from {@code handleEvent} to the analysis' decision.
 * <p>
 * Workload: WARNING events about {@value #SUBJECTS} links in turn, so the first event of a
 * link opens an incident and the rest join it; dry-run, so planning records and runs nothing.
 * The JIT needs the five warm-up iterations: the first ones run at a few thousand events/s.
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HealingPipelineBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class HealingPipelineBenchmark {

    static final int BATCH = 1000;
    static final int SUBJECTS = 200;

    private HealingPipeline pipeline;
    private EventHandler bare;
    private Event[] events;
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong bareCount = new AtomicLong();
    private volatile long lastDecision;
    private int next;

    @Setup(Level.Trial)
    public void start() throws Exception {
        pipeline = HealingPipeline.standalone(Map.of("dry.run", "true", "queue.capacity", "20000"));
        pipeline.onDecision(intake -> {
            decided.incrementAndGet();
            lastDecision = intake;
        });
        pipeline.start();
        bare = e -> bareCount.incrementAndGet();
        events = new Event[SUBJECTS];
        for (int i = 0; i < SUBJECTS; i++) {
            events[i] = HealthEvent.of("bench", "LINK_DEGRADED", "n" + i + "->n" + (i + 1), Severity.WARNING, "bench")
                    .toEvent();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        System.out.println();
        System.out.println("healing pipeline: received " + pipeline.bridge().received() + ", decided " + decided.get()
                + ", dropped (counted) " + pipeline.bridge().dropped() + ", incidents " + pipeline.stats().incidents());
        pipeline.close();
    }

    private Event nextEvent() {
        Event e = events[next];
        next = (next + 1) % SUBJECTS;
        return e;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public long pipelineThroughput() {
        long target = decided.get() + pipeline.bridge().dropped() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            pipeline.bridge().handleEvent(nextEvent());
        }
        while (decided.get() + pipeline.bridge().dropped() < target) {
            Thread.onSpinWait();
        }
        return target;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public long bareHandlerThroughput() {
        for (int i = 0; i < BATCH; i++) {
            bare.handleEvent(nextEvent());
        }
        return bareCount.get();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long pipelineLatency() {
        long target = decided.get() + pipeline.bridge().dropped() + 1;
        pipeline.bridge().handleEvent(nextEvent());
        while (decided.get() + pipeline.bridge().dropped() < target) {
            Thread.onSpinWait();
        }
        return lastDecision;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long bareHandlerLatency() {
        bare.handleEvent(nextEvent());
        return bareCount.get();
    }
}
