package io.x0tta6bl4.plugins.internal;

import java.util.List;

/**
 * One installed plugin.
 *
 * @param bundleId     its bundle id
 * @param symbolicName its bundle symbolic name
 * @param version      its bundle version
 * @param state        ACTIVE, RESOLVED, INSTALLED, ...
 * @param provides     what its registered services provide, see {@link SpiCatalog#describe}
 * @param problem      why it does not run (a missing requirement, a start failure), or empty
 */
public record PluginInfo(long bundleId, String symbolicName, String version, String state, List<String> provides,
                         String problem) {

    public PluginInfo {
        provides = List.copyOf(provides);
        problem = problem == null ? "" : problem;
    }
}
