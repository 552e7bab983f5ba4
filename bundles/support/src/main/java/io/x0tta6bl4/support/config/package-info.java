/**
 * Typed reading of configuration properties with the refusal rules of DESIGN.md: a bad value
 * is named in one line and the last good value kept. Embedded into each bundle at build time,
 * never exported.
 */
package io.x0tta6bl4.support.config;
