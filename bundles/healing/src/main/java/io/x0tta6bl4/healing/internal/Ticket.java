package io.x0tta6bl4.healing.internal;

/**
 * One action to run for an incident, handed from the plan route to the execute route.
 *
 * @param rollback whether to undo the action rather than run it
 */
record Ticket(String incidentId, String action, int attempt, boolean dryRun, boolean rollback) {
}
