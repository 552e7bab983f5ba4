package io.x0tta6bl4.batman.internal;

/**
 * Whether a gateway's uplink is up, from its probe rounds: down after the configured number of
 * failed rounds in a row (one lost probe on a busy link is not an outage), up again at the first
 * answered round. It also knows since when the uplink has been up without a failed round, which
 * the hold-down of a promotion asks. Not thread-safe: the watch's own thread owns it.
 */
final class UplinkState {

    enum Change { NONE, DOWN, UP }

    private boolean down;
    private int failedInARow;
    /** Epoch ms of the first answered round after the last failed one; -1 while failing or unknown. */
    private long upSince = -1;
    private String lastLine = "no probe yet";

    Change round(boolean answered, String line, int failuresForDown, long now) {
        lastLine = line;
        if (answered) {
            failedInARow = 0;
            if (upSince < 0) {
                upSince = now;
            }
            if (down) {
                down = false;
                return Change.UP;
            }
            return Change.NONE;
        }
        failedInARow++;
        upSince = -1;
        if (!down && failedInARow >= failuresForDown) {
            down = true;
            return Change.DOWN;
        }
        return Change.NONE;
    }

    boolean down() {
        return down;
    }

    int failedInARow() {
        return failedInARow;
    }

    /** How long the uplink has answered every round, 0 while failing or before the first answer. */
    long upForMs(long now) {
        return upSince < 0 ? 0 : Math.max(0, now - upSince);
    }

    String lastLine() {
        return lastLine;
    }
}
