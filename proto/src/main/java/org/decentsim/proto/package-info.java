/**
 * The wire layer shared by every decentsim JVM: the Akka serializer that turns the protocol records
 * into protobuf messages. Java serialization is never used; a message without a mapping here cannot
 * be sent.
 */
package org.decentsim.proto;
