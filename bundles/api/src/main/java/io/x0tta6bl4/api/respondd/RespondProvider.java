package io.x0tta6bl4.api.respondd;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of this node's respondd replies, registered as a whiteboard service, as Gluon's
 * respondd providers are: the system part (uptime, memory, hostname), the batman-adv part
 * (mesh interfaces, neighbours, clients, gateway), a plugin's own keys. The responder merges
 * the parts of every provider that serves a requested type into one JSON object: objects are
 * merged key by key, and where two providers give the same key a value that is not an object,
 * the one with the higher {@code service.ranking} wins.
 * <p>
 * Service properties:
 * <ul>
 * <li>{@link #TYPES} (String or String[], required): the reply types it contributes to, e.g.
 *     {@link #NODEINFO}. A service without it is ignored.</li>
 * </ul>
 * {@link #provide} runs on the responder's thread for every request: it answers from memory
 * (values the provider keeps fresh on its own thread), never from the network or the kernel,
 * since every query waits for it; a provider that throws is left out of that reply.
 */
@ConsumerType
public interface RespondProvider {

    String TYPES = "respondd.types";
    /** What a node is: id, hostname, network, software, hardware, location, owner. */
    String NODEINFO = "nodeinfo";
    /** How it is doing: uptime, load, memory, traffic, clients, gateway. */
    String STATISTICS = "statistics";
    /** Its batman-adv neighbours per hard interface, with TQ and last seen. */
    String NEIGHBOURS = "neighbours";

    /**
     * This provider's part of a reply of {@code type}: a JSON-shaped tree of {@code Map}s with
     * String keys, {@code List}s, Strings, Numbers and Booleans; empty when it has nothing now.
     */
    Map<String, Object> provide(String type);
}
