package org.decentsim.coordinator.system;

import org.decentsim.node.random.Rng;
import org.decentsim.node.random.RngTable;
import org.decentsim.node.random.Streams;
import org.decentsim.proto.codec.Checkpointable;
import org.decentsim.proto.codec.StateReader;
import org.decentsim.proto.codec.StateWriter;

/**
 * Compute time of a job: {@code work x speed_i x noise}, where {@code work} is the number of
 * samples processed, local steps, or 1 per job ({@link Unit}), {@code speed_i} is the client's
 * fixed seconds per unit of work (drawn once, see {@link Speeds}) and {@code noise} a per-job
 * multiplicative factor drawn from stream {@code ("compute-delay", i)}.
 */
public final class ComputeModel implements Checkpointable {
  /** What one unit of work is. */
  public enum Unit {
    SAMPLE,
    STEP,
    ROUND
  }

  private final PerClient speed;
  private final Distribution noise;
  private final Unit unit;
  private final RngTable noiseRngs;
  private final Rng cursor = new Rng(0);

  public ComputeModel(double[] speed, Distribution noise, Unit unit, Streams streams) {
    this.speed = new PerClient(speed);
    this.noise = noise;
    this.unit = unit;
    this.noiseRngs = new RngTable(streams, "compute-delay", speed.length);
  }

  /** Seconds of compute for client {@code i} running {@code steps} steps over {@code samples}. */
  public double computeSeconds(int i, int steps, long samples) {
    double work = work(steps, samples);
    double factor = 1;
    if (!(noise instanceof Distribution.Constant c && c.value() == 1.0)) {
      factor = noise.sample(noiseRngs.load(i, cursor));
      noiseRngs.store(i, cursor);
    }
    return work * speed(i) * factor;
  }

  /**
   * Keeps client i's noise stream in {@code rows[offset + i * rowLength]}, in the engine's
   * per-client rows (see {@link RngTable#keepIn}): the engine opens client i's job right after
   * drawing its compute time, so the stream's slot and the job's numbers share a row.
   */
  public void keepStreamsIn(long[] rows, int offset, int rowLength) {
    noiseRngs.keepIn(rows, offset, rowLength);
  }

  /** Expected compute seconds of one job of client i (for weight policies). */
  public double expectedSeconds(int i, double steps, double samples) {
    return work(steps, samples) * speed(i) * noise.mean();
  }

  /** Units of work of a job of {@code steps} steps over {@code samples} rows. */
  private double work(double steps, double samples) {
    return switch (unit) {
      case SAMPLE -> samples;
      case STEP -> steps;
      case ROUND -> 1;
    };
  }

  public double speed(int i) {
    return speed.get(i);
  }

  @Override
  public void saveState(StateWriter w) {
    noiseRngs.save(w);
  }

  @Override
  public void restoreState(StateReader r) {
    noiseRngs.restore(r);
  }
}
