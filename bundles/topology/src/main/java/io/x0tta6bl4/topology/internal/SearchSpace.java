package io.x0tta6bl4.topology.internal;

import java.util.Arrays;

/**
 * Reusable working memory of one shortest-path search: distances, predecessor edges and
 * an indexed binary heap with decrease-key, all primitive. A generation stamp marks which
 * entries belong to the current search, so starting a search costs nothing, however
 * large the graph: no array is cleared between searches. One per thread.
 */
final class SearchSpace {

    private static final ThreadLocal<SearchSpace> LOCAL = ThreadLocal.withInitial(() -> new SearchSpace(0));

    double[] distance;
    /** The heap's ordering: the distance for Dijkstra, distance plus a lower bound to go for A*. */
    double[] key;
    private double[] bound;
    int[] via;
    private int[] stamp;
    /** Marks the nodes whose distance is final in the current search. */
    private int[] settledStamp;
    private int[] heap;
    private int[] position;
    private int size;
    private int generation;

    SearchSpace(int capacity) {
        allocate(capacity);
    }

    /** This thread's space, grown to hold {@code n} nodes and reset for a new search. */
    static SearchSpace forThread(int n) {
        SearchSpace s = LOCAL.get();
        s.reset(n);
        return s;
    }

    void reset(int n) {
        if (distance.length < n) {
            allocate(Math.max(n, distance.length * 2));
        }
        size = 0;
        generation++;
        if (generation == Integer.MAX_VALUE) {
            Arrays.fill(stamp, 0);
            Arrays.fill(settledStamp, 0);
            generation = 1;
        }
    }

    private void allocate(int capacity) {
        distance = new double[capacity];
        key = new double[capacity];
        bound = new double[capacity];
        via = new int[capacity];
        stamp = new int[capacity];
        settledStamp = new int[capacity];
        heap = new int[capacity];
        position = new int[capacity];
        generation = 1;
    }

    /** The distance found so far, infinite for a node not reached in this search. */
    double distance(int u) {
        return stamp[u] == generation ? distance[u] : Double.POSITIVE_INFINITY;
    }

    /** The edge the node was reached by, -1 for the source or a node not reached. */
    int via(int u) {
        return stamp[u] == generation ? via[u] : -1;
    }

    boolean reached(int u) {
        return stamp[u] == generation;
    }

    boolean settled(int u) {
        return settledStamp[u] == generation;
    }

    void settle(int u) {
        settledStamp[u] = generation;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Sets the node's distance and queues it, or lowers it if it is queued with a higher one. */
    boolean relax(int u, double d, int edge) {
        return relax(u, d, edge, 0);
    }

    /**
     * The same for A*: {@code bound} is a lower bound of the distance still to go from
     * {@code u}, fixed for the search; the heap orders by distance plus bound.
     */
    boolean relax(int u, double d, int edge, double bound) {
        if (stamp[u] != generation) {
            stamp[u] = generation;
            distance[u] = d;
            key[u] = d + bound;
            this.bound[u] = bound;
            via[u] = edge;
            heap[size] = u;
            position[u] = size;
            up(size++);
            return true;
        }
        if (d < distance[u]) {
            key[u] = d + this.bound[u];
            distance[u] = d;
            via[u] = edge;
            up(position[u]);
            return true;
        }
        return false;
    }

    /** The smallest key queued: the distance of the next node for Dijkstra. */
    double peekDistance() {
        return key[heap[0]];
    }

    int poll() {
        int top = heap[0];
        size--;
        if (size > 0) {
            int last = heap[size];
            heap[0] = last;
            position[last] = 0;
            down(0);
        }
        return top;
    }

    private void up(int i) {
        int item = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!less(item, p)) {
                break;
            }
            heap[i] = p;
            position[p] = i;
            i = parent;
        }
        heap[i] = item;
        position[item] = i;
    }

    private void down(int i) {
        int item = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, item)) {
                break;
            }
            heap[i] = c;
            position[c] = i;
            i = child;
        }
        heap[i] = item;
        position[item] = i;
    }

    /** Ties go to the lower node number, i.e. the lower node id, so results are repeatable. */
    private boolean less(int a, int b) {
        double da = key[a];
        double db = key[b];
        return da < db || (da == db && a < b);
    }
}
