/**
 * The topology service, private to the bundle. {@code TopologyManager} is the DS component
 * behind {@code TopologyService} and {@code TopologyProviderService}: it batches provider reports
 * into {@code TopologyModel}, which keeps the nodes and links, scores link quality
 * ({@code LinkQualityScorer}), applies penalties ({@code PenaltyStore} persists them) and
 * publishes an immutable snapshot per version; {@code ChangeSet} derives the events of a batch,
 * which {@code EventPublisher} posts. The graph side ({@code CompactGraph}, {@code ShortestPaths},
 * {@code KShortestPaths}, {@code DisjointPaths}, {@code Criticality}, {@code GraphStatistics},
 * {@code DiameterBounds}) answers path and analytics queries.
 */
package io.x0tta6bl4.topology.internal;
