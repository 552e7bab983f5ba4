/**
 * File writes a crash cannot tear: written to a temporary name, forced to disk, then moved
 * into place. Embedded into each bundle at build time, never exported.
 */
package io.x0tta6bl4.support.io;
