/**
 * Security scanning: the {@link io.x0tta6bl4.api.scanner.Scanner} whiteboard SPI, the
 * {@link io.x0tta6bl4.api.scanner.Finding} it reports and the
 * {@link io.x0tta6bl4.api.scanner.ScannerService} that runs every scanner and keeps the findings.
 */
@Version("1.0.0")
package io.x0tta6bl4.api.scanner;

import org.osgi.annotation.versioning.Version;
