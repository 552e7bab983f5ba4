/**
 * The plugin inventory, private to the bundle: which installed bundles are third-party
 * plugins ({@code PluginInventory}), which x0tta6bl4 extension points each provides
 * ({@code SpiCatalog}), and what keeps one from running ({@code Requirements} puts a
 * requirement the resolver could not satisfy into words an operator can act on).
 */
package io.x0tta6bl4.plugins.internal;
