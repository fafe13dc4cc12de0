/**
 * Scenario files: HOCON parsed against {@code decentsim-reference.conf}, validated with errors that
 * name the file, line and key, and turned into the engine's typed objects. No other code reads raw
 * configuration keys.
 */
package org.decentsim.simulations.scenario;
