package io.x0tta6bl4.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadApiSourceTest {

    @TempDir
    Path dir;

    private final TestCa ca = new TestCa("wl.test");

    @Test
    void receivesTheSvidAndEveryRotation() throws Exception {
        try (WorkloadApiServer server = new WorkloadApiServer(dir.resolve("agent.sock"), ca, "n1",
                Duration.ofMinutes(10)).start();
             WorkloadApiSource source = new WorkloadApiSource(server.address(), 5000)) {
            Recorder rec = new Recorder();
            source.start(rec);
            SvidMaterial first = rec.nextUpdate(10_000);
            assertEquals("spiffe://wl.test/mesh/node/n1", first.spiffeId());
            assertEquals("wl.test", first.trustDomain());
            assertEquals(server.current.leaf(), first.leaf());
            assertEquals(ca.ca.cert(), first.bundle().get(0));
            assertTrue(KeyMatch.matches(first.leaf().getPublicKey(), first.key()));

            SvidMaterial rotated = server.rotate();
            SvidMaterial second = rec.nextUpdate(10_000);
            assertEquals(rotated.leaf(), second.leaf());
            assertNotEquals(first.leaf().getSerialNumber(), second.leaf().getSerialNumber());
        }
    }

    @Test
    void reportsTheServerGoingAwayAndRecoversWhenItReturns() throws Exception {
        Path sock = dir.resolve("agent.sock");
        WorkloadApiServer server = new WorkloadApiServer(sock, ca, "n2", Duration.ofMinutes(10)).start();
        try (WorkloadApiSource source = new WorkloadApiSource(server.address(), 5000)) {
            Recorder rec = new Recorder();
            source.start(rec);
            rec.nextUpdate(10_000);
            server.stop();
            String reason = rec.nextDown(15_000);
            assertTrue(reason.contains(server.address()), reason);
            server.start();
            SvidMaterial back = rec.nextUpdate(40_000);
            assertEquals(server.current.leaf(), back.leaf());
        } finally {
            server.close();
        }
    }

    @Test
    void aMissingSocketIsReportedAsOneLine() throws Exception {
        try (WorkloadApiSource source = new WorkloadApiSource("unix:" + dir.resolve("none.sock"), 3000)) {
            Recorder rec = new Recorder();
            source.start(rec);
            String reason = rec.nextDown(10_000);
            assertTrue(reason.contains("no socket at " + dir.resolve("none.sock")), reason);
            assertTrue(!reason.contains("\n"), reason);
        }
    }

    @Test
    void aSilentServerHitsTheDeadline() throws Exception {
        try (WorkloadApiServer server = new WorkloadApiServer(dir.resolve("agent.sock"), ca, "n3",
                Duration.ofMinutes(10)).start();
             WorkloadApiSource source = new WorkloadApiSource(server.address(), 1000)) {
            server.setSilent(true);
            Recorder rec = new Recorder();
            long t0 = System.nanoTime();
            source.start(rec);
            String reason = rec.nextDown(10_000);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(reason.contains("within 1000 ms"), reason);
            assertTrue(ms >= 900, "reported after " + ms + " ms");
        }
    }

    @Test
    void theServerRefusesCallsWithoutTheSecurityHeader() throws Exception {
        try (WorkloadApiServer server = new WorkloadApiServer(dir.resolve("agent.sock"), ca, "n4",
                Duration.ofMinutes(10)).start()) {
            EpollEventLoopGroup group = new EpollEventLoopGroup(1);
            ManagedChannel ch = NettyChannelBuilder.forAddress(new DomainSocketAddress(dir.resolve("agent.sock").toString()))
                    .eventLoopGroup(group).channelType(EpollDomainSocketChannel.class).usePlaintext().build();
            try {
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                        SpiffeWorkloadAPIGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS)
                                .fetchX509SVID(Workload.X509SVIDRequest.newBuilder().build()).next());
                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
                assertEquals(1, server.refusedWithoutHeader.get());
            } finally {
                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            }
        }
    }
}
