/**
 * Launchers: start an ActorSystem with the settings that matter for speed and determinism, run a
 * scenario on the actor engine or on the direct engine, and return its outcome.
 */
package org.decentsim.simulations.launch;
