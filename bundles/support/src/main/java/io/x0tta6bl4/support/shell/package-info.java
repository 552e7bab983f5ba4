/**
 * What every bundle's Karaf commands share: printing a table or JSON, and formatting times,
 * durations and numbers the same way. Embedded into each bundle at build time, never exported.
 */
package io.x0tta6bl4.support.shell;
