package io.x0tta6bl4.itests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A SPIFFE Workload API server for IdentityWorkloadApiIT, run in the test driver JVM (the
 * Karaf under test is another process): gRPC on a Unix domain socket with java-spiffe's
 * generated stubs, refusing calls without the {@code workload.spiffe.io} header, serving
 * SVIDs of {@link #NODE} from its own CA. The test inside Karaf drives it through a line
 * protocol on a loopback TCP port: {@code rotate} (answers the new serial in hex),
 * {@code stop}, {@code start}.
 */
final class IdentityWorkloadApi {

    static final String TRUST_DOMAIN = "wl.itest";
    static final String NODE = "itest-wl";
    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final String SOCKET_PROPERTY = "x0tta6bl4.itest.workload.socket";
    static final String CONTROL_PROPERTY = "x0tta6bl4.itest.workload.control";

    private static final Metadata.Key<String> HEADER =
            Metadata.Key.of("workload.spiffe.io", Metadata.ASCII_STRING_MARSHALLER);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path socket;
    private final KeyPair caKey;
    private final X509Certificate ca;
    private final List<StreamObserver<Workload.X509SVIDResponse>> streams = new CopyOnWriteArrayList<>();
    private volatile Workload.X509SVIDResponse current;
    private volatile String serial;
    private Server server;
    private EventLoopGroup boss;
    private EventLoopGroup workers;

    private IdentityWorkloadApi(Path socket) throws Exception {
        this.socket = socket;
        this.caKey = keyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("O=x0tta6bl4 itest, CN=" + TRUST_DOMAIN + " CA");
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(1),
                Date.from(now.minusSeconds(3600)), Date.from(now.plus(Duration.ofDays(1))), name, caKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + TRUST_DOMAIN)));
        this.ca = sign(b, caKey.getPrivate());
        issue();
    }

    /**
     * Starts the server and its control port; returns the system properties that tell the
     * test inside Karaf where they are.
     */
    static String[] startForTest() {
        try {
            Path dir = Path.of("target").toAbsolutePath();
            Files.createDirectories(dir);
            Path sock = dir.resolve("identity-wl-" + Long.toHexString(RANDOM.nextInt() & 0xffffffL) + ".sock");
            IdentityWorkloadApi api = new IdentityWorkloadApi(sock);
            api.start();
            ServerSocket control = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> api.serveControl(control), "itest-workload-api-control");
            t.setDaemon(true);
            t.start();
            return new String[] {"unix:" + sock, String.valueOf(control.getLocalPort())};
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test Workload API: " + e, e);
        }
    }

    private void serveControl(ServerSocket control) {
        while (true) {
            try (Socket s = control.accept()) {
                s.setSoTimeout(30_000);
                String cmd = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                String answer;
                if ("rotate".equals(cmd)) {
                    answer = rotate();
                } else if ("stop".equals(cmd)) {
                    stop();
                    answer = "ok";
                } else if ("start".equals(cmd)) {
                    issue();
                    start();
                    answer = serial;
                } else {
                    answer = "unknown command " + cmd;
                }
                OutputStream out = s.getOutputStream();
                out.write((answer + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (Exception e) {
                System.err.println("test Workload API control: " + e);
                if (control.isClosed()) {
                    return;
                }
            }
        }
    }

    private synchronized void start() throws Exception {
        Files.deleteIfExists(socket);
        boss = new EpollEventLoopGroup(1);
        workers = new EpollEventLoopGroup(1);
        ServerInterceptor headerCheck = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                             ServerCallHandler<Q, R> next) {
                if (!"true".equals(headers.get(HEADER))) {
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
                .addService(ServerInterceptors.intercept(new SpiffeWorkloadAPIGrpc.SpiffeWorkloadAPIImplBase() {
                    @Override
                    public void fetchX509SVID(Workload.X509SVIDRequest request,
                                              StreamObserver<Workload.X509SVIDResponse> observer) {
                        ServerCallStreamObserver<Workload.X509SVIDResponse> o =
                                (ServerCallStreamObserver<Workload.X509SVIDResponse>) observer;
                        o.setOnCancelHandler(() -> streams.remove(o));
                        streams.add(o);
                        o.onNext(current);
                    }
                }, headerCheck)).build().start();
    }

    private synchronized void stop() throws Exception {
        if (server != null) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
            server = null;
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            streams.clear();
        }
    }

    private synchronized String rotate() throws Exception {
        issue();
        for (StreamObserver<Workload.X509SVIDResponse> s : streams) {
            try {
                s.onNext(current);
            } catch (RuntimeException e) {
                streams.remove(s);
            }
        }
        return serial;
    }

    private void issue() throws Exception {
        KeyPair kp = keyPair();
        Instant now = Instant.now();
        BigInteger sn = new BigInteger(64, RANDOM).add(BigInteger.ONE);
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.getSubjectX500Principal(), sn,
                Date.from(now.minusSeconds(1)), Date.from(now.plus(LIFETIME)),
                new javax.security.auth.x500.X500Principal("O=x0tta6bl4 itest"), kp.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(
                GeneralName.uniformResourceIdentifier, "spiffe://" + TRUST_DOMAIN + "/mesh/node/" + NODE)));
        X509Certificate leaf = sign(b, caKey.getPrivate());
        current = Workload.X509SVIDResponse.newBuilder().addSvids(Workload.X509SVID.newBuilder()
                .setSpiffeId("spiffe://" + TRUST_DOMAIN + "/mesh/node/" + NODE)
                .setX509Svid(ByteString.copyFrom(leaf.getEncoded()))
                .setX509SvidKey(ByteString.copyFrom(kp.getPrivate().getEncoded()))
                .setBundle(ByteString.copyFrom(ca.getEncoded()))).build();
        serial = sn.toString(16);
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }
}
