/**
 * The bundle's Karaf shell commands, private to the bundle: the responder's state, what this
 * node answers, and a query to other nodes. Thin heads over {@code RespondAdmin}.
 */
package io.x0tta6bl4.respondd.command;
