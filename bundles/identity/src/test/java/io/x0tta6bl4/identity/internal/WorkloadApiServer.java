package io.x0tta6bl4.identity.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;

/**
 * A real SPIFFE Workload API for tests: gRPC over a Unix domain socket with java-spiffe's
 * generated stubs. Refuses calls without the {@code workload.spiffe.io: true} header, serves
 * X.509-SVIDs issued by a {@link TestCa} on the FetchX509SVID stream, rotates on demand and
 * can be stopped and started again on the same socket.
 */
final class WorkloadApiServer implements AutoCloseable {

    static final Metadata.Key<String> HEADER = Metadata.Key.of("workload.spiffe.io", Metadata.ASCII_STRING_MARSHALLER);

    private final Path socket;
    private final TestCa ca;
    private final String node;
    private final Duration lifetime;
    private final List<StreamObserver<Workload.X509SVIDResponse>> streams = new CopyOnWriteArrayList<>();
    final AtomicInteger refusedWithoutHeader = new AtomicInteger();
    final AtomicInteger served = new AtomicInteger();
    private volatile Workload.X509SVIDResponse currentResponse;
    volatile SvidMaterial current;
    private volatile boolean silent;
    private Server server;
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    WorkloadApiServer(Path socket, TestCa ca, String node, Duration lifetime) {
        this.socket = socket;
        this.ca = ca;
        this.node = node;
        this.lifetime = lifetime;
        rotateQuietly();
    }

    String address() {
        return "unix:" + socket;
    }

    synchronized WorkloadApiServer start() throws IOException {
        Files.deleteIfExists(socket);
        boss = new EpollEventLoopGroup(1);
        workers = new EpollEventLoopGroup(1);
        ServerInterceptor headerCheck = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                             ServerCallHandler<Q, R> next) {
                if (!"true".equals(headers.get(HEADER))) {
                    refusedWithoutHeader.incrementAndGet();
                    call.close(Status.INVALID_ARGUMENT.withDescription("security header missing from request"),
                            new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(boss).workerEventLoopGroup(workers)
                .addService(ServerInterceptors.intercept(new Service(), headerCheck)).build().start();
        return this;
    }

    /** Stops answering: the socket goes away and open streams fail. */
    synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
            server = null;
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            streams.clear();
        }
    }

    /** Accept streams but send nothing (a hung agent). */
    void setSilent(boolean s) {
        this.silent = s;
    }

    /** Issues a new SVID and pushes it on every open stream. */
    SvidMaterial rotate() {
        rotateQuietly();
        for (StreamObserver<Workload.X509SVIDResponse> s : streams) {
            try {
                s.onNext(currentResponse);
                served.incrementAndGet();
            } catch (RuntimeException e) {
                streams.remove(s);
            }
        }
        return current;
    }

    private void rotateQuietly() {
        SvidMaterial m = ca.svid(node, lifetime);
        current = m;
        try {
            currentResponse = Workload.X509SVIDResponse.newBuilder().addSvids(Workload.X509SVID.newBuilder()
                    .setSpiffeId(m.spiffeId()).setX509Svid(ByteString.copyFrom(m.leaf().getEncoded()))
                    .setX509SvidKey(ByteString.copyFrom(m.key().getEncoded()))
                    .setBundle(ByteString.copyFrom(der(List.of(ca.ca.cert())))).build()).build();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(List<java.security.cert.X509Certificate> certs) throws CertificateEncodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (var c : certs) {
            out.writeBytes(c.getEncoded());
        }
        return out.toByteArray();
    }

    int openStreams() {
        return streams.size();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private final class Service extends SpiffeWorkloadAPIGrpc.SpiffeWorkloadAPIImplBase {
        @Override
        public void fetchX509SVID(Workload.X509SVIDRequest request,
                                  StreamObserver<Workload.X509SVIDResponse> responseObserver) {
            ServerCallStreamObserver<Workload.X509SVIDResponse> obs =
                    (ServerCallStreamObserver<Workload.X509SVIDResponse>) responseObserver;
            obs.setOnCancelHandler(() -> streams.remove(obs));
            streams.add(obs);
            if (!silent) {
                obs.onNext(currentResponse);
                served.incrementAndGet();
            }
        }
    }
}
