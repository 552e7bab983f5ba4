/**
 * The topology service, private to the bundle. {@code TopologyManager} is the DS component
 * behind {@code TopologyService}, {@code TopologyProviderService} and {@code TopologyAdmin}; it
 * tracks providers ({@code ProviderTracker}) and keeps penalties across restarts
 * ({@code PenaltyPersistence}, {@code PenaltyStore}). {@code TopologyModel} coordinates, under one
 * lock, the elements ({@code TopologyStore}: nodes and links, scored by
 * {@code LinkQualityScorer}), the batching of provider calls into versions
 * ({@code ChangeAccumulator}), the penalties ({@code PenaltyTable}) and the compilation of each
 * version's graph and snapshot ({@code GraphCompiler}); {@code ChangeSet} derives the events of a
 * batch, which {@code EventPublisher} posts. The graph side ({@code CompactGraph},
 * {@code PathQueries}, {@code ShortestPaths}, {@code KShortestPaths}, {@code DisjointPaths},
 * {@code Criticality}, {@code GraphStatistics}, {@code DiameterBounds}) answers path and analytics
 * queries.
 */
package io.x0tta6bl4.topology.internal;
