package io.x0tta6bl4.topology.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.x0tta6bl4.api.topology.LinkMedium;
import io.x0tta6bl4.api.topology.LinkMetrics;
import io.x0tta6bl4.api.topology.LinkQuality;
import io.x0tta6bl4.api.topology.LinkSample;

/**
 * A bounded ring of a link's recent samples in primitive arrays (about 35 bytes a
 * sample), so keeping history for every link of a 10,000-node mesh stays affordable. It
 * starts small and grows up to its capacity. Not thread-safe: the model's lock guards it.
 */
final class LinkHistory {

    private static final int INITIAL = 4;
    private static final float ABSENT = Float.NaN;

    private final int capacity;
    private long[] at;
    private float[] score;
    private float[] cost;
    private float[] latency;
    private float[] throughput;
    private float[] loss;
    private short[] tq;
    private int[] babel;
    private byte[] medium;
    private int next;
    private int size;

    LinkHistory(int capacity) {
        this.capacity = capacity;
        allocate(Math.min(INITIAL, capacity));
    }

    void add(Instant when, LinkMetrics m, LinkQuality q) {
        if (size == at.length && at.length < capacity) {
            grow(Math.min(capacity, at.length * 2));
        }
        int i = next;
        at[i] = when.toEpochMilli();
        score[i] = (float) q.score();
        cost[i] = (float) q.cost();
        latency[i] = m.latencyMs() == null ? ABSENT : m.latencyMs().floatValue();
        throughput[i] = m.throughputMbps() == null ? ABSENT : m.throughputMbps().floatValue();
        loss[i] = m.loss() == null ? ABSENT : m.loss().floatValue();
        tq[i] = m.tq() == null ? -1 : m.tq().shortValue();
        babel[i] = m.babelCost() == null ? -1 : m.babelCost();
        medium[i] = (byte) m.medium().ordinal();
        next = (next + 1) % at.length;
        size = Math.min(size + 1, at.length);
    }

    int size() {
        return size;
    }

    /** Oldest first. */
    List<LinkSample> samples() {
        List<LinkSample> out = new ArrayList<>(size);
        int start = size < at.length ? 0 : next;
        for (int k = 0; k < size; k++) {
            int i = (start + k) % at.length;
            LinkMetrics m = new LinkMetrics(value(latency[i]), value(throughput[i]),
                    loss[i] != loss[i] ? null : Math.min(1.0, Math.max(0.0, (double) loss[i])),
                    tq[i] < 0 ? null : (int) tq[i], babel[i] < 0 ? null : babel[i],
                    LinkMedium.values()[medium[i]]);
            double s = Math.min(1.0, Math.max(0.0, (double) score[i]));
            double c = cost[i] == Float.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Math.max(1.0, cost[i]);
            out.add(new LinkSample(Instant.ofEpochMilli(at[i]), m, new LinkQuality(s, c)));
        }
        return out;
    }

    private static Double value(float f) {
        return f != f ? null : (double) f;
    }

    private void allocate(int n) {
        at = new long[n];
        score = new float[n];
        cost = new float[n];
        latency = new float[n];
        throughput = new float[n];
        loss = new float[n];
        tq = new short[n];
        babel = new int[n];
        medium = new byte[n];
    }

    /** Only called while the ring has not wrapped (size == length, next == 0). */
    private void grow(int n) {
        at = Arrays.copyOf(at, n);
        score = Arrays.copyOf(score, n);
        cost = Arrays.copyOf(cost, n);
        latency = Arrays.copyOf(latency, n);
        throughput = Arrays.copyOf(throughput, n);
        loss = Arrays.copyOf(loss, n);
        tq = Arrays.copyOf(tq, n);
        babel = Arrays.copyOf(babel, n);
        medium = Arrays.copyOf(medium, n);
        next = size;
    }
}
