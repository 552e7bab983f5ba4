/**
 * The bundle's Karaf shell commands and completers, private to the bundle: the mesh graph
 * (nodes, links, paths, disjoint paths, components, critical elements, penalties, statistics).
 * Each command is a thin head over the bundle's services that prints a table, or JSON with
 * {@code --json} where it has it; the command ACLs in Karaf's {@code etc/} decide who may run
 * the writing ones.
 */
package io.x0tta6bl4.topology.command;
