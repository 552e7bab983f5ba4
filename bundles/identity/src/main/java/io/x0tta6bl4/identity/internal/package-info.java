/** Implementation of the identity bundle; private. */
package io.x0tta6bl4.identity.internal;
