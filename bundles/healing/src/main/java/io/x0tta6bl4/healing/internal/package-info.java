/**
 * The healing loop, private to the bundle. {@code HealingManager} is the DS component; it
 * starts {@code HealingPipeline}, the MAPE-K loop as Camel routes around {@code HealingEngine},
 * which holds the lock over one {@code IncidentBook} shared by the {@code Correlator}
 * (analysis), the {@code Planner} (backoff, budget, damping and approval) and the
 * {@code Verifier} (outcomes and their verification); {@code ActionRunner} calls actions from {@code ActionRegistry} with
 * deadlines, and {@code KnowledgeStore} keeps incidents in an MVStore file.
 */
package io.x0tta6bl4.healing.internal;
