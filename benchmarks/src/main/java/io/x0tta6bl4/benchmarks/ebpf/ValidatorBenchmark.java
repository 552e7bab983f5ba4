package io.x0tta6bl4.benchmarks.ebpf;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.x0tta6bl4.ebpf.internal.elf.BpfObjectFile;
import io.x0tta6bl4.ebpf.internal.kernel.BpfObject;
import io.x0tta6bl4.ebpf.internal.kernel.Libbpf;
import io.x0tta6bl4.ebpf.internal.validate.Finding;
import io.x0tta6bl4.ebpf.internal.validate.Validator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The static validator (ELF read + validation of mesh_guard) against the peer it runs
 * before: libbpf opening the object and the kernel loading (verifying) it. Needs root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidatorBenchmark {

    private byte[] elf;
    private Validator validator;
    private Libbpf lib;

    @Setup
    public void setUp() throws Exception {
        elf = GuardFixture.resource("/bpf/mesh_guard.o");
        validator = new Validator();
        lib = Libbpf.load();
    }

    @Benchmark
    public List<Finding> validate() throws Exception {
        return validator.validate(BpfObjectFile.parse(elf));
    }

    @Benchmark
    public int kernelLoad() throws Exception {
        try (BpfObject o = BpfObject.load(lib, "mesh_guard", elf)) {
            return o.programs().get(0).fd();
        }
    }
}
