/**
 * Objectives: losses over a slice of rows with their gradients written into an output array, and
 * each client's smoothness constant. Instances hold scratch space and are not thread-safe: each
 * thread works with its own {@link org.decentsim.node.objective.Objective#copy()}.
 */
package org.decentsim.node.objective;
