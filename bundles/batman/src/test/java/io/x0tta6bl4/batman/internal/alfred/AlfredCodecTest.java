package io.x0tta6bl4.batman.internal.alfred;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AlfredCodecTest {

    @Test
    void requestAndPushAreAlfredsPackedBigEndianStructs() {
        assertEquals("0200000341beef", HexFormat.of().formatHex(AlfredCodec.request(65, 0xbeef)));
        byte[] push = AlfredCodec.push(100, 1, "hi".getBytes(StandardCharsets.US_ASCII), 0x1234);
        assertEquals("00000010" + "12340000" + "000000000000" + "64010002" + "6869", HexFormat.of().formatHex(push));
    }

    @Test
    void replyWithRecordsFromTwoNodes() throws Exception {
        byte[] reply = concat(reply("020000000102", 65, "hello from node A"), reply("020000000201", 65, "hello from node B"));
        List<AlfredRecord> records = AlfredCodec.parseReply(reply);
        assertEquals(2, records.size());
        assertEquals("02:00:00:00:01:02", records.get(0).source());
        assertEquals(65, records.get(0).type());
        assertArrayEquals("hello from node B".getBytes(StandardCharsets.US_ASCII), records.get(1).data());
        assertTrue(AlfredCodec.parseReply(new byte[0]).isEmpty());
    }

    @Test
    void errorStatusAndTruncationAreCleanErrors() {
        byte[] error = HexFormat.of().parseHex("0400000412340002");
        AlfredFormatException e = assertThrows(AlfredFormatException.class, () -> AlfredCodec.parseReply(error));
        assertTrue(e.getMessage().contains("error status 2"), e.getMessage());
        byte[] full = reply("020000000102", 65, "hello");
        assertThrows(AlfredFormatException.class, () -> AlfredCodec.parseReply(Arrays.copyOf(full, full.length - 1)));
    }

    @Test
    void garbageFromTheSocketNeverEscapesAsAnotherException() {
        byte[] seed = concat(reply("020000000102", 65, "hello from node A"), reply("020000000201", 158, "{}"));
        Random r = new Random(158);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seed.clone();
            switch (r.nextInt(3)) {
                case 0 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                default -> {
                    b = new byte[r.nextInt(64)];
                    r.nextBytes(b);
                }
            }
            try {
                AlfredCodec.parseReply(b);
            } catch (AlfredFormatException e) {
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("round " + i + ": " + e + " on " + HexFormat.of().formatHex(b), e);
            }
        }
        assertTrue(refused > 1000, "mutations never refused: " + refused);
    }

    @Test
    void serverStatusParsesAndRefusesGarbage() throws Exception {
        byte[] status = HexFormat.of().parseHex("08000025" + "00000001" + "01" + "01000011"
                + "65746831000000000000000000000000" + "01" + "02000010" + "6e6f6e65000000000000000000000000");
        status[3] = (byte) (status.length - 4);
        AlfredStatus s = AlfredStatus.parse(status);
        assertTrue(s.primary());
        assertEquals(List.of(new AlfredStatus.NetInterface("eth1", true)), s.interfaces());
        assertEquals("none", s.batmanInterface());
        Random r = new Random(8);
        for (int i = 0; i < 5_000; i++) {
            byte[] m = status.clone();
            m[r.nextInt(m.length)] = (byte) r.nextInt(256);
            try {
                AlfredStatus.parse(Arrays.copyOf(m, r.nextInt(m.length + 1)));
            } catch (AlfredFormatException expected) {
                // refused cleanly
            }
        }
    }

    @Test
    void aDaemonThatNeverAnswersTimesOut(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path path = dir.resolve("stuck.sock");
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(path));
            long start = System.nanoTime();
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> new AlfredClient(path).read(100));
            assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
            assertTrue(System.nanoTime() - start < 10_000_000_000L);
        }
    }

    static byte[] reply(String sourceHex, int type, String text) {
        byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + 10 + data.length).put((byte) 0).put((byte) 0).putShort((short) (4 + 10 + data.length))
                .putShort((short) 7).putShort((short) 0).put(HexFormat.of().parseHex(sourceHex))
                .put((byte) type).put((byte) 0).putShort((short) data.length).put(data).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
