package io.x0tta6bl4.api.topology;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Weighs a link for path computation. Plugins register implementations as OSGi services
 * with the service property {@value #NAME_PROPERTY}; the topology service picks them up
 * and offers them by that name.
 * <p>
 * Called on path-computation threads, often millions of times per query: it must be
 * fast, side-effect free and thread-safe.
 */
@ConsumerType
public interface LinkWeigher {

    /** Service property carrying the weigher's name. */
    String NAME_PROPERTY = "x0tta6bl4.weigher";

    /** Positive weight of traversing the link; {@link Double#POSITIVE_INFINITY} excludes it. */
    double weight(Link link);

    /** The name queries select this weigher by. */
    String name();
}
