/**
 * Aggregation algorithms as small event-driven classes (ALGORITHMS.md §1, §5, §6): each reacts to
 * updates and timers through an {@link org.decentsim.coordinator.algorithm.AlgorithmContext} and
 * imports no Akka, so the same class runs under the actor engine and the direct engine.
 */
package org.decentsim.coordinator.algorithm;
