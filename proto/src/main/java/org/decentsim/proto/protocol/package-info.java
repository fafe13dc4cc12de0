/**
 * The actor protocols: sealed interfaces of records understood by the node and the coordinator.
 * Vectors inside records are immutable value types ({@link org.decentsim.proto.protocol.Vector}),
 * never bare arrays, so record equality compares contents.
 */
package org.decentsim.proto.protocol;
