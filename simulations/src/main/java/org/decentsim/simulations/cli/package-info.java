/**
 * The {@code decentsim} command line (picocli). User errors print one line and exit 2; a diverged
 * run exits 3; internal errors exit 1.
 */
package org.decentsim.simulations.cli;
