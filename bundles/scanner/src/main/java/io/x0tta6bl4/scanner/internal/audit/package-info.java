/**
 * The audits that need no advisory database: the configuration in effect
 * ({@code ConfigAudit}, asking the running services before it reads any {@code .cfg}), and the
 * eBPF programs loaded ({@code EbpfAudit}).
 */
package io.x0tta6bl4.scanner.internal.audit;
