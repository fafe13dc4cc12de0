/**
 * Simulated clients as plain objects: each holds a data view and its own batch stream, and a {@link
 * org.decentsim.node.client.ClientShard} runs the local work of the clients one worker hosts.
 * Nothing here imports Akka.
 */
package org.decentsim.node.client;
