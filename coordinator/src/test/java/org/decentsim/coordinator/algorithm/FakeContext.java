package org.decentsim.coordinator.algorithm;

import java.util.ArrayList;
import java.util.List;
import org.decentsim.node.random.Rng;

/** A scripted context: records dispatches and timers, no engine. */
final class FakeContext implements AlgorithmContext {
  final GlobalModel model;
  final int clients;
  final double localLr;
  double now;
  int inFlight;
  int concurrency;
  final List<Integer> dispatched = new ArrayList<>();
  final List<Double> timers = new ArrayList<>();
  int dropped;
  double[] expectedSeconds;

  FakeContext(int dim, int clients, double localLr) {
    this.model = new GlobalModel(new double[dim]);
    this.clients = clients;
    this.localLr = localLr;
    this.concurrency = clients;
    this.expectedSeconds = new double[clients];
    java.util.Arrays.fill(expectedSeconds, 1);
  }

  @Override
  public double now() {
    return now;
  }

  @Override
  public GlobalModel model() {
    return model;
  }

  @Override
  public int clients() {
    return clients;
  }

  @Override
  public double weight(int client) {
    return 1.0 / clients;
  }

  @Override
  public int samples(int client) {
    return 10 * (client + 1);
  }

  @Override
  public double localLearningRate() {
    return localLr;
  }

  @Override
  public double expectedJobSeconds(int client) {
    return expectedSeconds[client];
  }

  @Override
  public boolean isIdle(int client) {
    return true;
  }

  @Override
  public int inFlight() {
    return inFlight;
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public boolean dispatch(int client) {
    dispatched.add(client);
    inFlight++;
    return true;
  }

  @Override
  public double downSeconds(int client, long bytes) {
    return 0;
  }

  @Override
  public boolean dispatchCarrying(
      int client,
      double[] model,
      int tag,
      long bytes,
      int messages,
      int localSteps,
      double transferSeconds) {
    return dispatch(client);
  }

  @Override
  public int dispatchRandomIdle(int n) {
    for (int k = 0; k < n; k++) {
      dispatched.add(-1);
    }
    inFlight += Math.max(0, n);
    return Math.max(0, n);
  }

  @Override
  public void scheduleTimer(double at, int id) {
    timers.add(at);
  }

  @Override
  public void recordDropped(ClientUpdate u) {
    dropped++;
  }

  @Override
  public Rng stream(String name) {
    return new Rng(1);
  }

  /**
   * An update of {@code delta} from {@code client}, computed on {@code sent}, {@code staleness}
   * old.
   */
  ClientUpdate update(int client, double[] sent, double[] delta, int steps, long staleness) {
    inFlight--;
    return new ClientUpdate(
        client,
        model.version() - staleness,
        org.decentsim.proto.protocol.Vector.copyOf(sent),
        delta.clone(),
        steps,
        0,
        staleness,
        -1);
  }
}
