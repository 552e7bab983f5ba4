package io.x0tta6bl4.respondd.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A respondd query: {@code GET <type> <type> ...}, answered with raw DEFLATE JSON, or one bare
 * type ({@code nodeinfo}), the legacy form, answered with plain JSON. A real query is a few
 * dozen bytes; anything longer, with more types than a reply can hold or with bytes outside
 * the type alphabet is refused, so the parser costs the same for any input.
 *
 * @param types      the requested types in order, without repeats
 * @param compressed whether the reply is DEFLATE-compressed (the {@code GET} form)
 */
public record RespondRequest(List<String> types, boolean compressed) {

    /** Longer than any real query (Gluon's collectors send at most four types). */
    public static final int MAX_BYTES = 256;
    public static final int MAX_TYPES = 8;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public RespondRequest {
        types = List.copyOf(types);
    }

    public static RespondRequest parse(byte[] datagram, int length) throws RespondFormatException {
        if (length <= 0) {
            throw new RespondFormatException("empty query");
        }
        if (length > MAX_BYTES) {
            throw new RespondFormatException("query of " + length + " bytes (at most " + MAX_BYTES + ")");
        }
        int end = length;
        while (end > 0 && (datagram[end - 1] == '\n' || datagram[end - 1] == '\r')) {
            end--; // netcat and echo add a line end
        }
        for (int i = 0; i < end; i++) {
            int b = datagram[i] & 0xff;
            if (b < 0x20 || b > 0x7e) {
                throw new RespondFormatException("query has a byte 0x" + Integer.toHexString(b) + " at " + i);
            }
        }
        String text = new String(datagram, 0, end, StandardCharsets.US_ASCII);
        if (text.startsWith("GET ")) {
            return new RespondRequest(types(text.substring(4)), true);
        }
        if (!TYPE.matcher(text).matches()) {
            throw new RespondFormatException("query is neither 'GET <type> ...' nor one type: '" + text + "'");
        }
        return new RespondRequest(List.of(text), false);
    }

    private static List<String> types(String list) throws RespondFormatException {
        List<String> out = new ArrayList<>();
        for (String t : list.split(" ", -1)) {
            if (!TYPE.matcher(t).matches()) {
                throw new RespondFormatException("query names a type '" + t + "' (lower-case letters, digits, '_')");
            }
            if (!out.contains(t)) {
                out.add(t);
            }
            if (out.size() > MAX_TYPES) {
                throw new RespondFormatException("query names more than " + MAX_TYPES + " types");
            }
        }
        return out;
    }

    /** The query as a collector sends it. */
    public byte[] encode() {
        String text = compressed ? "GET " + String.join(" ", types) : types.get(0);
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
