/**
 * A heap of entries ordered by a time and a tie-break, kept in primitive arrays, that the
 * coordinator's event queue and each worker's queue of waiting jobs are built on.
 */
package org.decentsim.node.heap;
