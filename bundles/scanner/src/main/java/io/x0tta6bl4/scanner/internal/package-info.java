/** The scanner's implementation; nothing here is exported. */
package io.x0tta6bl4.scanner.internal;
