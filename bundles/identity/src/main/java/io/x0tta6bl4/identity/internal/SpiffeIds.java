package io.x0tta6bl4.identity.internal;

import java.net.URI;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Reads SPIFFE IDs out of certificates. */
final class SpiffeIds {

    private static final int URI_SAN = 6;

    private SpiffeIds() {
    }

    /** The URI SANs of the certificate, empty when it has none. */
    static List<String> uriSans(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(URI_SAN).equals(san.get(0))) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return out;
        }
        return out;
    }

    /** A parsed {@code spiffe://td/path} ID. */
    record Id(String trustDomain, String path) {
        @Override
        public String toString() {
            return "spiffe://" + trustDomain + path;
        }
    }

    /**
     * @throws IllegalArgumentException saying why the string is not a SPIFFE ID
     */
    static Id parse(String s) {
        URI uri;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' is not a URI");
        }
        if (!"spiffe".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("'" + s + "' is not a spiffe:// URI");
        }
        String td = uri.getHost();
        if (td == null || !IdPolicy.validTrustDomain(td.toLowerCase(Locale.ROOT)) || uri.getPort() != -1
                || uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + s + "' has no valid trust domain");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new Id(td.toLowerCase(Locale.ROOT), path);
    }
}
