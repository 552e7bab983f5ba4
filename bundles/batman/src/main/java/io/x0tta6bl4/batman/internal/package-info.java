/**
 * The batman-adv provider, private to the bundle. {@code BatmanMeshProvider} is the DS
 * component: it reads its configuration ({@code BatmanConfigReader}) and schedules
 * {@code MeshPoller}, which reads the kernel through a {@code BatmanBackend} (generic netlink in
 * {@code NetlinkBackend}, or {@code batctl} JSON), turns each round into topology reports
 * ({@code MeshRound}, {@code MeshTracker}) and health events. The trust side lives beside it:
 * {@code SignedFacts} and {@code NodeFacts} are the alfred facts record, {@code FactsJudge} and
 * {@code FactsLedger} decide which records may be used, {@code MeshTrustRound} and
 * {@code PeerAttester} attest peers at their signed endpoints, and {@code GuardAllowList} keeps
 * the eBPF allow list equal to the attested peers' signed MACs.
 */
package io.x0tta6bl4.batman.internal;
