/**
 * The virtual clock: a priority queue of events ordered by {@code (time, seq)}, where {@code seq}
 * is assigned at scheduling, so the order is total and independent of threads (DESIGN.md §3).
 */
package org.decentsim.coordinator.time;
