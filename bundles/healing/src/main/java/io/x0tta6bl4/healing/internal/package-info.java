/**
 * The healing loop, private to the bundle. {@code HealingManager} is the DS component; it
 * starts {@code HealingPipeline}, the MAPE-K loop as Camel routes around {@code HealingEngine}
 * (correlation into incidents, planning with backoff, budget, damping and approval, outcomes
 * and their verification), {@code ActionRunner} calls actions from {@code ActionRegistry} with
 * deadlines, and {@code KnowledgeStore} keeps incidents in an MVStore file.
 */
package io.x0tta6bl4.healing.internal;
