package io.x0tta6bl4.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Metatype of PID {@code io.x0tta6bl4.sim}, for documentation and configuration tools.
 * The component reads the raw properties itself (see {@link SimConfigReader}).
 */
@ObjectClassDefinition(
        name = "x0tta6bl4 simulated mesh",
        description = "A simulated mesh reported to the topology service, the default when no real mesh is present.")
public @interface SimConfiguration {

    @AttributeDefinition(name = "Shape", description = "Layout of the mesh.",
            options = {
                @Option(label = "line", value = "line"),
                @Option(label = "ring", value = "ring"),
                @Option(label = "grid", value = "grid"),
                @Option(label = "random geometric", value = "random")
            })
    String shape() default "random";

    @AttributeDefinition(name = "Size", description = "Number of simulated nodes, 2..10000.", min = "2", max = "10000")
    int size() default 30;

    @AttributeDefinition(name = "Seed", description = "Seed of the generator and of the metric jitter; the same seed gives the same mesh.")
    long seed() default 42;

    @AttributeDefinition(name = "Interval (ms)", description = "Time between two reports, 100..60000 ms.", min = "100", max = "60000")
    long interval_ms() default 1000;

    @AttributeDefinition(name = "Jitter", description = "Relative variation of each link metric per report, 0..0.5.", min = "0", max = "0.5")
    double jitter() default 0.1;

    @AttributeDefinition(name = "Churn", description = "Fraction of links whose metrics change on each report, 0..1; "
            + "below 1 only the changed links are reported.", min = "0", max = "1")
    double churn() default 1.0;

    @AttributeDefinition(name = "Location", description = "Where the mesh lies on the map: 'latitude,longitude' in "
            + "degrees (its nodes then spread over about 10 km around it, as location.latitude and "
            + "location.longitude), or empty for nodes without a location.", required = false)
    String location_center() default "";
}
