/**
 * Security scanning: the {@link Scanner} whiteboard SPI, the
 * {@link Finding} it reports and the
 * {@link ScannerService} that runs every scanner and keeps the findings.
 */
@Version("1.0.0")
package io.x0tta6bl4.api.scanner;

import org.osgi.annotation.versioning.Version;
