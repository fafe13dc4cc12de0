/**
 * Codecs between the protocol's value types and the protobuf wire schema. The byte counts they
 * report are the sizes of what they write, so simulated transfer times and bit counters match the
 * wire.
 */
package org.decentsim.proto.codec;
