/**
 * One JSON form per API type (topology, paths, healing), used by both the shell's
 * {@code --json} and the REST API, so the two cannot drift apart. Embedded into each bundle at
 * build time, never exported.
 */
package io.x0tta6bl4.support.json;
