package io.x0tta6bl4.api.healing;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A remediation the healing loop can run, registered as a whiteboard service. The loop
 * picks it up when it appears and drops it when it goes away.
 * <p>
 * Service properties:
 * <ul>
 * <li>{@link #NAME} (String, required): unique action name used by policies, e.g. {@code steer-link}.
 *     A service without it is ignored with a warning.</li>
 * <li>{@link #KINDS} (String or String[]): incident kinds it can remedy; {@code *} for any.
 *     It becomes a candidate for those kinds after the configured policy's actions.</li>
 * <li>{@link #DISRUPTIVE} (Boolean, default false): it cuts a node or link off; suppressed
 *     while a partition is suspected.</li>
 * <li>{@link #APPROVAL} (Boolean, default false): it waits for {@code heal:approve}.</li>
 * <li>{@link #VERIFY} (Boolean, default true): the incident's condition is re-checked after
 *     the verify delay; false for informational actions such as notifications.</li>
 * <li>{@link #CHANGES} (String): what it changes, for operators: {@link #CHANGES_MESH} when it
 *     changes how the kernel forwards (batman-adv, XDP), {@link #CHANGES_VIEW} when it changes
 *     only x0tta6bl4's own view (path queries, records), {@link #CHANGES_NOTHING} when it only
 *     tells someone. Absent: not stated, shown as such.</li>
 * </ul>
 * {@link #execute} runs on a healing worker thread, never on an EventAdmin or DS thread; it
 * may block briefly. An exception counts as a failed execution and goes to the dead-letter
 * channel; it never stops the loop.
 */
@ConsumerType
public interface RemediationAction {

    String NAME = "healing.action";
    String KINDS = "healing.kinds";
    String DISRUPTIVE = "healing.disruptive";
    String APPROVAL = "healing.approval";
    String VERIFY = "healing.verify";
    /** @since 1.2 */
    String CHANGES = "healing.changes";
    /** @since 1.2 */
    String CHANGES_MESH = "mesh";
    /** @since 1.2 */
    String CHANGES_VIEW = "view";
    /** @since 1.2 */
    String CHANGES_NOTHING = "nothing";

    /** Carries out the remediation for the request's incident. */
    ActionResult execute(ActionRequest request) throws Exception;

    /**
     * Undoes {@link #execute} when verification showed it did not help. The default does
     * nothing and says so.
     */
    default ActionResult rollback(ActionRequest request) throws Exception {
        return ActionResult.skipped("no rollback");
    }
}
