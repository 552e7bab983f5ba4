/**
 * Reports written from a scan: SARIF for code-scanning tools and CycloneDX for SBOM tools,
 * each a plain mapping of the scanner's findings and inventory.
 */
package io.x0tta6bl4.scanner.internal.report;
