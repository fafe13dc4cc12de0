/** Allocation-free vector operations on {@code double[]}; outputs are the last argument. */
package org.decentsim.node.vec;
