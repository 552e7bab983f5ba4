package io.x0tta6bl4.identity.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.x0tta6bl4.api.topology.NodeId;

/**
 * The node SPIFFE ID policy: a pattern such as {@code spiffe://{trust-domain}/mesh/node/{node-id}}
 * with exactly one {@code {node-id}} placeholder in the path and an optional
 * {@code {trust-domain}} placeholder, filled with the configured or current trust domain.
 */
final class IdPolicy {

    static final String DEFAULT_PATTERN = "spiffe://{trust-domain}/mesh/node/{node-id}";
    static final String TD = "{trust-domain}";
    static final String NODE = "{node-id}";
    private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]{1,255}");
    private static final Pattern DASHED_MAC = Pattern.compile("([0-9a-f]{2}-){5}[0-9a-f]{2}");

    private final String pattern;
    private final String pathTemplate;
    private final Pattern pathRegex;

    private IdPolicy(String pattern, String pathTemplate) {
        this.pattern = pattern;
        this.pathTemplate = pathTemplate;
        int i = pathTemplate.indexOf(NODE);
        this.pathRegex = Pattern.compile(Pattern.quote(pathTemplate.substring(0, i)) + "([a-z0-9][a-z0-9._:-]{0,63})"
                + Pattern.quote(pathTemplate.substring(i + NODE.length())));
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the pattern
     */
    static IdPolicy parse(String pattern) {
        if (pattern == null || !pattern.startsWith("spiffe://")) {
            throw new IllegalArgumentException("must start with spiffe://");
        }
        String rest = pattern.substring("spiffe://".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("must have a path containing " + NODE);
        }
        String td = rest.substring(0, slash);
        String path = rest.substring(slash);
        if (!td.equals(TD)) {
            throw new IllegalArgumentException("the trust domain part must be " + TD
                    + " (the trust domain is configured by trust.domain)");
        }
        int first = path.indexOf(NODE);
        if (first < 0 || path.indexOf(NODE, first + 1) >= 0) {
            throw new IllegalArgumentException("the path must contain " + NODE + " exactly once");
        }
        if (path.contains("{") && path.replace(NODE, "").contains("{")) {
            throw new IllegalArgumentException("unknown placeholder in the path; only " + NODE + " is allowed there");
        }
        if (path.contains("//") || path.endsWith("/") || !path.replace(NODE, "x").matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("the path may hold only letters, digits, '.', '_', '-' and single '/'");
        }
        return new IdPolicy(pattern, path);
    }

    static boolean validTrustDomain(String td) {
        return td != null && TRUST_DOMAIN.matcher(td).matches();
    }

    String pattern() {
        return pattern;
    }

    /** The SPIFFE ID of a node in a trust domain. */
    String idFor(String trustDomain, NodeId node) {
        return "spiffe://" + trustDomain.toLowerCase(Locale.ROOT) + pathTemplate.replace(NODE, segment(node));
    }

    /**
     * A node id as it appears in a SPIFFE ID path. SPIFFE paths allow no ':', so a MAC-named
     * node (batman-adv originators are) is written with '-': {@code 02:00:00:00:01:02} is
     * {@code 02-00-00-00-01-02}.
     */
    static String segment(NodeId node) {
        return node.value().replace(':', '-');
    }

    /**
     * The node named by a SPIFFE ID path, empty when the path does not follow the pattern; the
     * inverse of {@link #segment}, so a MAC written with '-' names the node by its MAC again.
     */
    Optional<NodeId> nodeOf(String path) {
        Matcher m = pathRegex.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String node = m.group(1);
        return Optional.of(NodeId.of(DASHED_MAC.matcher(node).matches() ? node.replace('-', ':') : node));
    }

    /** The path pattern for messages, e.g. {@code /mesh/node/{node-id}}. */
    String pathTemplate() {
        return pathTemplate;
    }
}
