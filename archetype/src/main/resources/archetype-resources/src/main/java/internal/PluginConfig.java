package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The plugin's one configuration PID, {@value #PID} (etc/{@value #PID}.cfg). */
@ObjectClassDefinition(name = "${artifactId}")
public @interface PluginConfig {

    String PID = "${package}";

    @AttributeDefinition(description = "File system to watch (any path on it)")
    String check_path() default "/";

    @AttributeDefinition(description = "Free space below this percentage is DISK_LOW (0 < p < 100)")
    double check_min_free_percent() default 5.0;

    @AttributeDefinition(description = "Seconds between checks (1..3600)")
    int check_interval_seconds() default 30;

    @AttributeDefinition(description = "Directory whose old files the purge action deletes; empty: the action skips")
    String purge_directory() default "";

    @AttributeDefinition(description = "Only files older than this many minutes are deleted (>= 0)")
    long purge_min_age_minutes() default 60;
}
