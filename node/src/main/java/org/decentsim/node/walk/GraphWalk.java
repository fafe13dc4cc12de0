package org.decentsim.node.walk;

import org.decentsim.node.graph.Graph;

/** A base chain on the nodes of a graph: its size and row workspace come from the graph. */
abstract class GraphWalk implements TransitionKernel {
  final Graph g;

  GraphWalk(Graph g) {
    this.g = g;
  }

  @Override
  public int nodes() {
    return g.nodes();
  }

  @Override
  public int maxRow() {
    return g.maxDegree() + 1;
  }

  /** {@code d_i / 2|E|}: the stationary law of walks that leave a node uniformly. */
  double degreeShare(int i) {
    return g.degree(i) / (2.0 * g.edges());
  }
}
