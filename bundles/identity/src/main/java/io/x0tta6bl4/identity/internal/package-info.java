/**
 * The identity bundle, private: {@code IdentityManager} is the DS component behind
 * {@code IdentityService}, {@code NodeAttestor} and {@code PeerAttestations}, delegating to the
 * classes that do the jobs. {@code SvidWatch} keeps the node's SVID from the
 * {@code IdentitySource} {@code SourceChoice} picks (the SPIFFE Workload API, files, or the
 * development bootstrap of {@code DevBootstrap}); {@code ControlListeners} serve attestation on
 * {@code MtlsListener}s bounded by {@code HandshakeSlots}; {@code PeerAttestor} attests peers
 * ({@code Attester}, {@code ChainVerifier}, {@code IdPolicy}); {@code PeerRecords} keeps their
 * results ({@code AttestationStore}); {@code SvidSignatures} signs and checks facts.
 */
package io.x0tta6bl4.identity.internal;
