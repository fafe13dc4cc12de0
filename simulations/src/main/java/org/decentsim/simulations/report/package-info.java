/**
 * Pictures of runs with XChart, written as PNG and SVG: loss against virtual time, bits and events,
 * the staleness histogram, and overlays of several runs.
 */
package org.decentsim.simulations.report;
