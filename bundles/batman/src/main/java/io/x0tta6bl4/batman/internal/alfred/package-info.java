/**
 * alfred, batman-adv's fact distribution daemon: a client of its Unix socket protocol
 * ({@code AlfredClient}, {@code AlfredCodec}), and the records other tools publish through it
 * that the provider reads: batadv-vis graphs ({@code VisNode}, {@code MeshGraph}) and Gluon's
 * respondd records ({@code GluonNode}, bounded per round by {@code RespondRound}). All of it is
 * mesh input, so every size is bounded and a bad record is skipped, not fatal.
 */
package io.x0tta6bl4.batman.internal.alfred;
