package io.x0tta6bl4.topology.internal;

import java.util.Arrays;

/**
 * A binary min-heap of the ints 0..n-1 keyed by doubles, with decrease-key, so Dijkstra
 * keeps one entry per node instead of piling up stale ones.
 */
final class IndexedMinHeap {

    private final int[] heap;
    private final int[] position;
    private final double[] key;
    private int size;

    IndexedMinHeap(int capacity) {
        heap = new int[capacity];
        position = new int[capacity];
        key = new double[capacity];
        Arrays.fill(position, -1);
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(int item) {
        return position[item] >= 0;
    }

    /** Inserts the item or lowers its key; a higher key is ignored. */
    void offer(int item, double newKey) {
        if (contains(item)) {
            if (newKey < key[item]) {
                key[item] = newKey;
                up(position[item]);
            }
            return;
        }
        key[item] = newKey;
        heap[size] = item;
        position[item] = size;
        up(size++);
    }

    int poll() {
        int top = heap[0];
        position[top] = -1;
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            position[heap[0]] = 0;
            down(0);
        }
        return top;
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void down(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(smallest, i)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    /** Ties go to the lower item, i.e. the lower node id, so results are repeatable. */
    private boolean less(int a, int b) {
        double ka = key[heap[a]];
        double kb = key[heap[b]];
        return ka < kb || (ka == kb && heap[a] < heap[b]);
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
        position[heap[a]] = a;
        position[heap[b]] = b;
    }
}
