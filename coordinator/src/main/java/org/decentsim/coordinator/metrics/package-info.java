/**
 * What a run measures: evaluation of the global model, metric rows at virtual-time evaluation
 * points, and the run digest that proves reproducibility. No Akka, no wall clock of its own.
 */
package org.decentsim.coordinator.metrics;
