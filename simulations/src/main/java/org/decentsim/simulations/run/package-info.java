/** Run directories: the resolved scenario, metrics.csv and summary.json of one run. */
package org.decentsim.simulations.run;
