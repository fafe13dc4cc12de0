/**
 * The node's actors: {@link org.decentsim.node.worker.Worker} runs local work for the clients of
 * its shard, {@link org.decentsim.node.worker.NodeGuardian} spawns a JVM's workers. The only Akka
 * imports of the node module live here.
 */
package org.decentsim.node.worker;
