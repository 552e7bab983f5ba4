/**
 * The simulated mesh, private to the bundle: {@code SimulatedMeshProvider} is the DS
 * component and {@code MeshProvider}; {@code MeshGenerator} lays out a line, ring, grid or random
 * geometric mesh from a seed, {@code Simulation} moves it on each round (link jitter, churn,
 * failures injected from the shell through {@code SimAdmin}) and reports it to the
 * topology as a real provider would.
 */
package io.x0tta6bl4.sim.internal;
