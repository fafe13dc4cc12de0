/**
 * Random-walk kernels over a {@link org.decentsim.node.graph.Graph} (ALGORITHMS.md §2): the base
 * chains (simple, Metropolis–Hastings, non-backtracking), the self-repellent kernel over any of
 * them, and the empirical visit measure it reacts to. Plain Java; every draw comes from the
 * caller's stream.
 */
package org.decentsim.node.walk;
