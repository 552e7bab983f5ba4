package io.x0tta6bl4.batman.internal.netlink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.x0tta6bl4.batman.internal.BatadvDecoder;
import io.x0tta6bl4.batman.internal.Fixtures;

import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the parsers on the captured replies: flipped bytes, truncation,
 * splices, forged lengths and random garbage. The only exception allowed is a
 * {@link NetlinkFormatException}; anything else (index, buffer, negative size) fails.
 */
class NetlinkFuzzTest {

    private static final int ROUNDS = 20_000;

    @Test
    void mutatedRepliesFailCleanlyOrParse() {
        List<byte[]> seeds = new ArrayList<>();
        for (String phase : Fixtures.PHASES) {
            for (String node : Fixtures.NODES) {
                for (String cmd : new String[] {"GET_ORIGINATORS", "GET_NEIGHBORS", "GET_HARDIF", "GET_MESH",
                    "GET_TRANSTABLE_GLOBAL"}) {
                    if (Fixtures.exists(phase, node, "genl-" + cmd + ".resp.bin")) {
                        seeds.add(Fixtures.bytes(phase, node, "genl-" + cmd + ".resp.bin"));
                    }
                }
            }
        }
        Random random = new Random(0x6a7a6bL);
        int parsed = 0;
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                decodeEverything(input);
                parsed++;
            } catch (NetlinkFormatException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("round " + i + ": " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(parsed > ROUNDS / 20, "mutations too destructive to exercise the decoders: " + parsed);
        assertTrue(refused > ROUNDS / 20, "mutations never produced a format error: " + refused);
    }

    private static void decodeEverything(byte[] input) {
        for (NetlinkMessage m : NetlinkMessage.parseAll(input)) {
            if (m.isError()) {
                m.errorCode();
                continue;
            }
            if (m.isDone()) {
                continue;
            }
            GenlMessage g = GenlMessage.parse(m);
            Attributes a = g.attrs();
            for (Attribute attr : a.all()) {
                if ((attr.flags() & Attribute.NLA_F_NESTED) != 0) {
                    a.nested(attr.type());
                }
            }
            switch (g.cmd()) {
                case 8 -> BatadvDecoder.originator(a);
                case 9 -> BatadvDecoder.neighbor(a);
                case 5 -> BatadvDecoder.hardInterface(a);
                case 1 -> BatadvDecoder.mesh(a);
                case 7, 6 -> BatadvDecoder.translation(a);
                default -> BatadvDecoder.gateway(a);
            }
        }
    }

    private static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        switch (r.nextInt(6)) {
            case 0 -> { // flip a few bytes
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
            case 2 -> { // forge a 16-bit length field somewhere
                int at = r.nextInt(b.length - 1) & ~1;
                int v = r.nextBoolean() ? r.nextInt(8) : 0xffff - r.nextInt(8);
                b[at] = (byte) v;
                b[at + 1] = (byte) (v >> 8);
            }
            case 3 -> { // splice a random tail of another offset onto a prefix
                int cut = r.nextInt(b.length);
                int from = r.nextInt(b.length);
                byte[] out = Arrays.copyOf(b, cut + (b.length - from));
                System.arraycopy(b, from, out, cut, b.length - from);
                b = out;
            }
            case 4 -> { // random garbage
                b = new byte[r.nextInt(200)];
                r.nextBytes(b);
            }
            default -> { // flip bytes in the first message's header
                b[r.nextInt(Math.min(20, b.length))] ^= (byte) (1 << r.nextInt(8));
            }
        }
        return b;
    }
}
