package io.x0tta6bl4.web.internal;

/**
 * One readiness check.
 *
 * @param name     what was checked: a platform area ({@code topology}, {@code identity}, ...)
 * @param up       whether it passed
 * @param critical whether a failure makes the node not ready
 * @param detail   one line saying what was seen
 */
record Check(String name, boolean up, boolean critical, String detail) {

    String status() {
        return up ? "UP" : "DOWN";
    }
}
