package io.x0tta6bl4.web.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** The user and password of an HTTP Basic {@code Authorization} header. */
record BasicCredentials(String user, char[] password) {

    /**
     * Parses the header value.
     *
     * @throws ApiException 401 when the header is missing, not Basic, or malformed
     */
    static BasicCredentials parse(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "authentication required (HTTP Basic)");
        }
        String h = header.trim();
        if (!h.toLowerCase(Locale.ROOT).startsWith("basic ")) {
            throw new ApiException(401, "unsupported authentication scheme: expected HTTP Basic");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(401, "malformed Basic credentials: not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new ApiException(401, "malformed Basic credentials: expected user:password");
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }
}
