/**
 * Named random streams: every random draw in decentsim comes from a stream derived from the
 * scenario's master seed, a stream name and an index, so adding a stream never changes the draws of
 * another.
 */
package org.decentsim.node.random;
