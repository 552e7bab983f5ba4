package io.x0tta6bl4.batman.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.x0tta6bl4.api.topology.NodeId;
import io.x0tta6bl4.api.topology.provider.LinkObservation;
import io.x0tta6bl4.api.topology.provider.NodeObservation;
import io.x0tta6bl4.api.topology.provider.TopologyProviderService;

/**
 * Records what a provider reports. A dynamic proxy rather than an implementation, so it
 * keeps compiling when the provider SPI gains methods. Public: the kernel lab uses it too.
 */
public final class RecordingTopology {

    public final List<List<NodeObservation>> nodeRounds = new ArrayList<>();
    public final List<List<LinkObservation>> linkRounds = new ArrayList<>();
    public final List<NodeId> gone = new ArrayList<>();
    /** nodeLost calls: the node and the reason. */
    public final List<java.util.Map.Entry<NodeId, String>> lost = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public TopologyProviderService service() {
        return (TopologyProviderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TopologyProviderService.class}, (proxy, method, args) -> {
                    synchronized (this) {
                        switch (method.getName()) {
                            case "report" -> {
                                nodeRounds.add(List.copyOf((Collection<NodeObservation>) args[1]));
                                linkRounds.add(List.copyOf((Collection<LinkObservation>) args[2]));
                            }
                            case "nodeGone" -> gone.add((NodeId) args[1]);
                            case "nodeLost" -> lost.add(java.util.Map.entry((NodeId) args[1], (String) args[2]));
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "RecordingTopology";
                            }
                            default -> {
                                // other calls are not used by the batman provider
                            }
                        }
                        return null;
                    }
                });
    }

    public synchronized List<NodeObservation> lastNodes() {
        return nodeRounds.get(nodeRounds.size() - 1);
    }

    public synchronized List<java.util.Map.Entry<NodeId, String>> lost() {
        return List.copyOf(lost);
    }

    public synchronized List<LinkObservation> lastLinks() {
        return linkRounds.get(linkRounds.size() - 1);
    }
}
