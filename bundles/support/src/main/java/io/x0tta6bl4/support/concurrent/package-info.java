/** Threads every bundle names the same way (embedded into each bundle at build time, never exported). */
package io.x0tta6bl4.support.concurrent;
