/** Implementation of the web bundle; private. */
package io.x0tta6bl4.web.internal;
