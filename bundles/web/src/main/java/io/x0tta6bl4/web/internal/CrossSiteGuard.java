package io.x0tta6bl4.web.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Refuses writes a browser could be tricked into sending from another site (CSRF). A page on
 * any site can make the operator's browser POST a form or a simple fetch to the loopback API,
 * with Basic credentials the browser has cached. Such a request cannot carry a header outside
 * the CORS safelist without a preflight, which this API never grants; so a write must carry
 * {@value #HEADER}, and an {@code Origin} it carries must be this server's own.
 */
final class CrossSiteGuard {

    /** The header every write must carry, with any value; scripts, curl and the page add it. */
    static final String HEADER = "X-Requested-By";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteGuard() {
    }

    /**
     * Why a request must be refused, or {@code null} when it may go on.
     *
     * @param scheme the request's scheme ({@code http})
     * @param host   the request's {@code Host} header, as the browser addressed this server
     */
    static String refusal(String method, String origin, String requestedBy, String scheme, String host) {
        if (SAFE_METHODS.contains(method)) {
            return null;
        }
        if (origin != null) {
            String o = origin.trim().toLowerCase(Locale.ROOT);
            if (o.equals("null")) {
                return "a write from an opaque origin (Origin: null) is refused";
            }
            String own = host == null ? null : (scheme + "://" + host.trim()).toLowerCase(Locale.ROOT);
            if (!o.equals(own)) {
                return "a cross-origin write from '" + shorten(origin) + "' is refused";
            }
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            return "a write needs the header " + HEADER + " (any value); refused as a possible cross-site request";
        }
        return null;
    }

    /** An attacker's Origin goes into the answer: bounded. */
    private static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
