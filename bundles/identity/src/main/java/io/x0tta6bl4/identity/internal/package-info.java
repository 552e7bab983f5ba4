/**
 * The identity bundle, private: {@code IdentityManager} is the DS component behind
 * {@code IdentityService}, {@code NodeAttestor} and {@code PeerAttestations}. It takes the node's
 * SVID from an {@code IdentitySource} (the SPIFFE Workload API, files, or the development
 * bootstrap of {@code DevBootstrap}), serves attestation on {@code MtlsListener}, attests peers
 * ({@code Attester}, {@code ChainVerifier}, {@code IdPolicy}), keeps their results
 * ({@code AttestationStore}) and signs and checks facts ({@code SvidSignatures}).
 */
package io.x0tta6bl4.identity.internal;
