package io.x0tta6bl4.benchmarks.ebpf;

import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.ebpf.internal.kernel.TestRun;

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

/**
 * Wall-clock time per packet of BPF_PROG_TEST_RUN batches (100,000 repetitions per call,
 * so the syscall's own cost is spread thin) for mesh_guard's paths against the bare
 * XDP_PASS program. Enforcement is on: the pass path includes the allow-list lookup.
 * {@link XdpPathHarness} reports the kernel's own per-run timing. Needs root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class XdpPathBenchmark {

    static final int REPEAT = 100_000;

    private GuardFixture f;
    private byte[] pass;
    private byte[] quarantined;
    private byte[] unlisted;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        f = new GuardFixture(true);
        pass = GuardFixture.frame(GuardFixture.PASS);
        quarantined = GuardFixture.frame(GuardFixture.QUARANTINED);
        unlisted = GuardFixture.frame(GuardFixture.UNLISTED);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        f.close();
    }

    @Benchmark
    @OperationsPerInvocation(REPEAT)
    public TestRun bareXdpPass() throws Exception {
        return f.bareProgram.testRun(pass, REPEAT);
    }

    @Benchmark
    @OperationsPerInvocation(REPEAT)
    public TestRun guardPass() throws Exception {
        return f.guardProgram.testRun(pass, REPEAT);
    }

    @Benchmark
    @OperationsPerInvocation(REPEAT)
    public TestRun guardQuarantineDrop() throws Exception {
        return f.guardProgram.testRun(quarantined, REPEAT);
    }

    @Benchmark
    @OperationsPerInvocation(REPEAT)
    public TestRun guardEnforcementDrop() throws Exception {
        return f.guardProgram.testRun(unlisted, REPEAT);
    }
}
