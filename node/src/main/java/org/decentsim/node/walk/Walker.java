package org.decentsim.node.walk;

import org.decentsim.node.random.Rng;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * One walker (token) moving by a kernel from its own stream, updating an empirical measure when it
 * has one. Holds the row workspace: allocation-free per step.
 */
public final class Walker {
  private final TransitionKernel kernel;
  private final EmpiricalMeasure measureOrNull;
  private final Rng rng;
  private final int[] support;
  private final double[] weights;
  private int current;
  private int previous = -1;

  public Walker(TransitionKernel kernel, EmpiricalMeasure measureOrNull, Rng rng, int start) {
    this.kernel = kernel;
    this.measureOrNull = measureOrNull;
    this.rng = rng;
    this.support = new int[kernel.maxRow()];
    this.weights = new double[kernel.maxRow()];
    this.current = start;
  }

  /** Moves one step and returns the new node. */
  public int step() {
    int next = kernel.next(current, previous, rng, support, weights);
    previous = current;
    current = next;
    if (measureOrNull != null) {
      measureOrNull.visit(next);
    }
    return next;
  }

  public int current() {
    return current;
  }

  /** The node visited before the current one, or -1. */
  public int previous() {
    return previous;
  }

  /** Writes the walker's position and stream (not the measure, which its owner saves). */
  public void save(StateWriter w) {
    w.writeInt(current).writeInt(previous).writeLong(rng.state());
  }

  /** Restores a state written by {@link #save}. */
  public void restore(StateReader r) {
    current = r.readInt();
    previous = r.readInt();
    rng.setState(r.readLong());
  }
}
