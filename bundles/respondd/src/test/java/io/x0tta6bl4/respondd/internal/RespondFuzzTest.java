package io.x0tta6bl4.respondd.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Random and mutated input for the two parsers that read the mesh: the responder's query
 * parser and the client's reply decoder. Whatever arrives, the result is a request, an answer
 * or one refusal line; nothing else is thrown and nothing unpacks past its bound.
 */
class RespondFuzzTest {

    static final int CASES = 25_000;
    private static final String ALPHABET = "GET nodeinfostatisticsneighbours_ \n\r\0\u007f";

    @Test
    void theQueryParserRefusesOrAcceptsEveryInput() {
        Random random = new Random(1001);
        byte[] seed = "GET nodeinfo statistics neighbours".getBytes(StandardCharsets.US_ASCII);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = mutate(seed, random);
            } else {
                b = new byte[random.nextInt(300)];
                for (int j = 0; j < b.length; j++) {
                    b[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                            : (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                }
            }
            try {
                RespondRequest r = RespondRequest.parse(b, b.length);
                assertTrue(!r.types().isEmpty() && r.types().size() <= RespondRequest.MAX_TYPES);
                accepted++;
            } catch (RespondFormatException e) {
                assertTrue(e.getMessage() != null && e.getMessage().length() < 400, e.getMessage());
            } catch (RuntimeException e) {
                fail("case " + i + " threw " + e);
            }
        }
        assertTrue(accepted > 100, "the fuzzer must reach the accepting paths too: " + accepted);
    }

    @Test
    void theReplyDecoderGivesAnAnswerOrAnErrorForEveryDatagram() throws Exception {
        Random random = new Random(159);
        byte[] real = RespondCodecTest.fixture("nodeinfo.flated");
        RespondRequest get = new RespondRequest(List.of("nodeinfo"), true);
        InetSocketAddress from = new InetSocketAddress("::1", 1001);
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] b = i % 3 == 0 ? randomBytes(random) : mutate(real, random);
            RespondClient.Answer a;
            try {
                a = RespondClient.decode(from, b, b.length, get);
            } catch (RuntimeException e) {
                fail("case " + i + " threw " + e);
                return;
            }
            assertTrue((a.json() == null) != (a.error() == null));
            decoded += a.json() == null ? 0 : 1;
            if (a.json() != null) {
                ReplyFacts.of(a.json()).ifPresent(RespondFuzzTest::bounded);
            }
        }
        assertTrue(decoded > 0, "unchanged bytes of the real reply must decode");
    }

    /**
     * The collector's reading of a reply whose every value may be of any JSON type: the shapes of
     * the real nodeinfo and statistics, with values swapped for numbers, strings, arrays, objects,
     * nulls, huge and hostile ones.
     */
    @Test
    void theCollectorReadsEveryShapeOfReplyWithinBounds() throws Exception {
        Random random = new Random(160);
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode real = mapper.createObjectNode();
        real.set("nodeinfo", mapper.readTree(RespondCodecTest.fixture("nodeinfo.json")));
        real.set("statistics", mapper.readTree(RespondCodecTest.fixture("statistics.json")));
        int believed = 0;
        for (int i = 0; i < CASES; i++) {
            com.fasterxml.jackson.databind.JsonNode tree = real.deepCopy();
            for (int k = random.nextInt(4); k >= 0; k--) {
                scramble(tree, random, mapper);
            }
            java.util.Optional<ReplyFacts> f;
            try {
                f = ReplyFacts.of(tree);
            } catch (RuntimeException e) {
                fail("case " + i + " threw " + e + " on " + tree);
                return;
            }
            f.ifPresent(RespondFuzzTest::bounded);
            believed += f.isPresent() ? 1 : 0;
        }
        assertTrue(believed > CASES / 10, "most scrambles keep the node id: " + believed);
    }

    private static void bounded(ReplyFacts f) {
        assertTrue(f.macs().size() <= ReplyFacts.MAX_MACS);
        f.attributes().values().forEach(v -> {
            assertTrue(v.codePointCount(0, v.length()) <= ReplyFacts.MAX_TEXT, v);
            assertTrue(v.codePoints().noneMatch(Character::isISOControl), v);
        });
    }

    /** Replaces one value somewhere in the tree by a random one. */
    static void scramble(com.fasterxml.jackson.databind.JsonNode tree, Random random,
                                 com.fasterxml.jackson.databind.ObjectMapper mapper) {
        com.fasterxml.jackson.databind.JsonNode at = tree;
        while (true) {
            List<String> keys = new java.util.ArrayList<>();
            at.fieldNames().forEachRemaining(keys::add);
            if (keys.isEmpty() || !at.isObject()) {
                return;
            }
            String key = keys.get(random.nextInt(keys.size()));
            com.fasterxml.jackson.databind.JsonNode child = at.get(key);
            if (child.isObject() && random.nextInt(3) > 0) {
                at = child;
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) at;
            switch (random.nextInt(8)) {
                case 0 -> o.put(key, random.nextLong());
                case 1 -> o.put(key, random.nextDouble() * 1e12 - 5e11);
                case 2 -> o.put(key, "\u001b[2J" + "x".repeat(random.nextInt(500)));
                case 3 -> o.putNull(key);
                case 4 -> o.putArray(key).add(random.nextInt()).add("02:00:00:00:00:0" + random.nextInt(10));
                case 5 -> o.putObject(key).put("k", random.nextBoolean());
                case 6 -> {
                    com.fasterxml.jackson.databind.node.ArrayNode many = o.putArray(key);
                    for (int j = 0; j < 200; j++) {
                        many.add(String.format("02:00:00:00:%02x:%02x", j >> 8, j & 0xff));
                    }
                }
                default -> o.remove(key);
            }
            return;
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(2000)];
        random.nextBytes(b);
        return b;
    }

    /** Flips, inserts, deletes or cuts a few bytes; sometimes none. */
    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int edits = random.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> b[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return b;
    }
}
