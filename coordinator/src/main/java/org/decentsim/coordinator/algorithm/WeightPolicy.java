package org.decentsim.coordinator.algorithm;

/**
 * Fraboni et al.'s aggregation-weight policies (ALGORITHMS.md §1.2): {@code IDENTICAL} weighs every
 * contribution alike, which optimises a surrogate objective biased towards fast clients; {@code
 * WEIGHT} rescales each client by the inverse of its participation frequency so that the expected
 * weight per server step is its {@code p_i}.
 */
public enum WeightPolicy {
  IDENTICAL,
  WEIGHT
}
