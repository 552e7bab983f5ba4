package io.x0tta6bl4.healing.internal;

/**
 * The global action budget: a token bucket of the configured capacity, refilled at a
 * steady rate. An action takes one token; with none left it waits. Thread-safe.
 */
final class TokenBucket {

    private double capacity;
    private double perMs;
    private double tokens;
    private long last;

    TokenBucket(int capacity, double perMinute, long now) {
        this.capacity = capacity;
        this.perMs = perMinute / 60_000.0;
        this.tokens = capacity;
        this.last = now;
    }

    synchronized void configure(int newCapacity, double perMinute, long now) {
        refill(now);
        this.capacity = newCapacity;
        this.perMs = perMinute / 60_000.0;
        this.tokens = Math.min(tokens, capacity);
    }

    /** Takes a token if there is one. */
    synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    synchronized double available(long now) {
        refill(now);
        return tokens;
    }

    /** Milliseconds until a token is available, 0 when one is. */
    synchronized long waitMs(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMs);
    }

    private void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perMs);
            last = now;
        }
    }
}
