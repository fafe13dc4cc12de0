/**
 * The system model: how long a client computes, how long its messages take on its link, and when it
 * is available. Durations are drawn at dispatch from per-client named streams, so they do not
 * depend on threads or on the order in which results come back.
 */
package org.decentsim.coordinator.system;
