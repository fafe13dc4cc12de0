/**
 * Undirected graphs of clients for decentralized algorithms: the {@link
 * org.decentsim.node.graph.Graph} value type (compressed adjacency, neighbours in increasing order)
 * and the {@link org.decentsim.node.graph.Topologies} that build or read them.
 */
package org.decentsim.node.graph;
