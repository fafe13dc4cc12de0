/**
 * The Coordinator actor: a thin shell that routes jobs of the plain-Java {@link
 * org.decentsim.coordinator.engine.Simulation} to Worker actors and hands their results back. The
 * only Akka imports of the coordinator module live here.
 */
package org.decentsim.coordinator.actor;
