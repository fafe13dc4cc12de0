/**
 * Elementary functions whose results are fixed bit for bit on every JVM and machine, as everything
 * that feeds a run's digest must be (DESIGN.md §4).
 */
package org.decentsim.node.math;
