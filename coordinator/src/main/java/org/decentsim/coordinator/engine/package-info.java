/**
 * The virtual-time engine: a plain-Java state machine that dispatches jobs, consumes their results
 * strictly in {@code (time, seq)} order and drives an algorithm. The actor engine and the direct
 * engine differ only in how jobs reach the clients ({@link
 * org.decentsim.coordinator.engine.JobExecutor}).
 */
package org.decentsim.coordinator.engine;
