package org.decentsim.coordinator.system;

/**
 * The system a run simulates: compute, links, availability, and how often to retry a dispatch when
 * nobody is available.
 */
public record SystemModel(
    ComputeModel compute, LinkModel links, Availability availability, double retrySeconds) {}
