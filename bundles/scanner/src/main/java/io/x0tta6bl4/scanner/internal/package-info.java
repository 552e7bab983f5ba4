/**
 * The scanner, private: {@code ScannerManager} is the DS component behind
 * {@code ScannerService}; it runs every {@code Scanner} on the whiteboard (its own
 * {@code BundleScanner}, {@code ConfigAuditScanner}, {@code EbpfAuditScanner} among them) on a
 * schedule or on request, reports findings once as health events, and writes reports only under
 * the folders {@code ReportFolders} allows.
 */
package io.x0tta6bl4.scanner.internal;
