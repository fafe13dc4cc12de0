package org.decentsim.proto.codec;

/**
 * Something whose run state can be written to a checkpoint and restored into a freshly built
 * instance of the same scenario, so that the resumed run continues exactly as the original.
 */
public interface Checkpointable {
  /** Writes the state. */
  void saveState(StateWriter w);

  /** Restores what {@link #saveState} wrote, into an instance built from the same scenario. */
  void restoreState(StateReader r);
}
