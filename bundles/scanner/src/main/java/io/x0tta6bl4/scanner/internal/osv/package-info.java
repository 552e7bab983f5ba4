/**
 * The offline OSV advisory database: a bounded parser of OSV JSON ({@code OsvParser},
 * {@code OsvLimits}), Maven version ordering ({@code MavenVersions}, {@code VersionRange}), and
 * the store that swaps a whole imported database in at once ({@code OsvStore}), so a failed
 * import leaves the last good one.
 */
package io.x0tta6bl4.scanner.internal.osv;
