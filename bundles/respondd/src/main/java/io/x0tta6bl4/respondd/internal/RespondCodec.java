package io.x0tta6bl4.respondd.internal;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * respondd's wire compression: raw DEFLATE (RFC 1951, no zlib or gzip header), as Gluon's
 * respondd and yanic write and read it. Inflating is bounded: a datagram of 64 KiB can
 * unpack to 64 MiB, so no more than the caller's limit is ever produced.
 */
public final class RespondCodec {

    private RespondCodec() {
    }

    public static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
            byte[] buf = new byte[4096];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** @throws RespondFormatException if the data is not raw DEFLATE, is cut short or unpacks past {@code max} */
    public static byte[] inflate(byte[] data, int length, int max) throws RespondFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data, 0, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 4 * length + 64));
            byte[] buf = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new RespondFormatException("reply is cut short (DEFLATE stream ends early)");
                }
                if (out.size() + n > max) {
                    throw new RespondFormatException("reply unpacks to more than " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new RespondFormatException("reply is not raw DEFLATE: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
