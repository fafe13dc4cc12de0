package org.decentsim.simulations.bench;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.decentsim.coordinator.time.EventKind;
import org.decentsim.coordinator.time.EventQueue;
import org.decentsim.node.random.Rng;
import org.decentsim.node.vec.Vec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One event-queue step (pop the head, schedule a successor, 1,000 events pending) against {@link
 * PriorityQueue} of records; one aggregation step (buffer += w * delta, d = 1,000) against a plain
 * loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {
  record Ev(double time, long seq, int target) implements Comparable<Ev> {
    @Override
    public int compareTo(Ev o) {
      int c = Double.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  EventQueue queue;
  PriorityQueue<Ev> baselineQueue;
  long baselineSeq;
  Rng rng;
  double[] buffer;
  double[] delta;

  @Setup
  public void setUp() {
    rng = new Rng(3);
    queue = new EventQueue();
    baselineQueue = new PriorityQueue<>();
    for (int i = 0; i < 1000; i++) {
      double t = rng.nextDouble();
      queue.schedule(t, EventKind.COMPUTED, i, 0);
      baselineQueue.add(new Ev(t, baselineSeq++, i));
    }
    buffer = new double[1000];
    delta = new double[1000];
    for (int j = 0; j < delta.length; j++) {
      delta[j] = rng.nextDouble();
    }
  }

  @Benchmark
  public int eventQueueStep() {
    double t = queue.peekTime();
    int target = queue.peekTarget();
    queue.pop();
    queue.schedule(t + rng.nextDouble(), EventKind.COMPUTED, target, 0);
    return target;
  }

  @Benchmark
  public int baselinePriorityQueueStep() {
    Ev e = baselineQueue.poll();
    baselineQueue.add(new Ev(e.time() + rng.nextDouble(), baselineSeq++, e.target()));
    return e.target();
  }

  @Benchmark
  public double[] aggregationStep() {
    Vec.axpy(0.5, delta, buffer);
    return buffer;
  }

  @Benchmark
  public double[] baselineAggregationLoop() {
    for (int j = 0; j < buffer.length; j++) {
      buffer[j] += 0.5 * delta[j];
    }
    return buffer;
  }
}
