package io.x0tta6bl4.api.identity;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** This node's own SPIFFE identity. */
@ProviderType
public interface IdentityService {

    /** Current state; never null. */
    IdentityState state();

    /** One line saying why the state is what it is, e.g. the source error; never null. */
    String stateReason();

    /** The SPIFFE ID of this node's current X.509-SVID, if it has one. */
    Optional<String> spiffeId();

    /** Expiry of the current SVID's leaf certificate, if there is one. */
    Optional<Instant> notAfter();

    /** True when the identity comes from the local development bootstrap CA. */
    boolean isDevelopment();

    /** Asks the source to fetch or reload the SVID now. Returns at once; the work is asynchronous. */
    void refresh();
}
