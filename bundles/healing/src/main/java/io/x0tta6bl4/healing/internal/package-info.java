/** Implementation of the healing bundle; private. */
package io.x0tta6bl4.healing.internal;
