package io.x0tta6bl4.respondd.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system's part of respondd's statistics, from {@code /proc} as Gluon's respondd reads it:
 * uptime and idletime ({@code /proc/uptime}), loadavg and processes ({@code /proc/loadavg}),
 * memory in KiB ({@code /proc/meminfo}). A file that is missing or not in its format leaves its
 * keys out.
 */
final class ProcFacts {

    /** /proc files are a few KiB; more is not one. */
    static final int MAX_FILE = 64 * 1024;

    private ProcFacts() {
    }

    static Map<String, Object> statistics(Path proc) {
        Map<String, Object> out = new LinkedHashMap<>();
        uptime(read(proc.resolve("uptime")), out);
        loadavg(read(proc.resolve("loadavg")), out);
        Map<String, Object> memory = memory(read(proc.resolve("meminfo")));
        if (!memory.isEmpty()) {
            out.put("memory", memory);
        }
        return out;
    }

    static void uptime(String text, Map<String, Object> out) {
        String[] f = text.trim().split("\\s+");
        if (f.length >= 2 && number(f[0]) != null && number(f[1]) != null) {
            out.put("uptime", number(f[0]));
            out.put("idletime", number(f[1]));
        }
    }

    static void loadavg(String text, Map<String, Object> out) {
        String[] f = text.trim().split("\\s+");
        if (f.length >= 4 && number(f[0]) != null) {
            out.put("loadavg", number(f[0]));
            String[] procs = f[3].split("/");
            if (procs.length == 2 && procs[0].matches("\\d{1,9}") && procs[1].matches("\\d{1,9}")) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("total", Long.parseLong(procs[1]));
                p.put("running", Long.parseLong(procs[0]));
                out.put("processes", p);
            }
        }
    }

    static Map<String, Object> memory(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("[:\\s]+");
            if (f.length < 2 || !f[1].matches("\\d{1,15}")) {
                continue;
            }
            String key = switch (f[0]) {
                case "MemTotal" -> "total";
                case "MemFree" -> "free";
                case "MemAvailable" -> "available";
                case "Buffers" -> "buffers";
                case "Cached" -> "cached";
                default -> null;
            };
            if (key != null) {
                m.put(key, Long.parseLong(f[1]));
            }
        }
        return m;
    }

    static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_FILE), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Double number(String s) {
        if (!s.matches("\\d{1,12}(\\.\\d{1,6})?")) {
            return null;
        }
        return Double.valueOf(s);
    }
}
