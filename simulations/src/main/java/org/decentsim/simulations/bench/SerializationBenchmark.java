package org.decentsim.simulations.bench;

import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;
import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.decentsim.simulations.launch.WireSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What cluster mode adds to every event on the wire: a Train (the model down) and an Update (the
 * dense update up) each serialized by the sender and deserialized by the receiver, through the
 * actor system's own serializer (the one Artery uses). Baseline: the same doubles written to a byte
 * array and read back by a plain loop over a little-endian buffer, with no message around them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializationBenchmark {
  @Param({"100", "1000", "10000"})
  int dim;

  WireSerializer wire;
  WorkerProtocol.Train train;
  CoordinatorProtocol.Update update;
  String trainManifest;
  String updateManifest;
  double[] values;
  double[] readBack;
  byte[] baselineBytes;

  @Setup
  public void setUp() {
    wire = new WireSerializer();
    Rng r = new Rng(5);
    values = new double[dim];
    for (int j = 0; j < dim; j++) {
      values[j] = Draws.normal(r);
    }
    Vector v = Vector.copyOf(values);
    train = new WorkerProtocol.Train(17, 123_456, 789, 4_321.5, v, null, 5, wire.coordinator());
    update = new CoordinatorProtocol.Update(17, 123_456, v, null, 5, 160, 0.6931);
    trainManifest = wire.manifest(train);
    updateManifest = wire.manifest(update);
    readBack = new double[dim];
    baselineBytes = new byte[8 * dim];
  }

  @TearDown
  public void tearDown() {
    wire.close();
  }

  /** The Train of one event: serialized by the coordinator, deserialized by a worker node. */
  @Benchmark
  public Object train() throws NotSerializableException {
    return wire.read(wire.write(train), trainManifest);
  }

  /** The Update of one event: serialized by the worker node, deserialized by the coordinator. */
  @Benchmark
  public Object update() throws NotSerializableException {
    return wire.read(wire.write(update), updateManifest);
  }

  /** The doubles of one message written and read back by a plain loop, nothing else. */
  @Benchmark
  public double[] baselineDoubles() {
    ByteBuffer out = ByteBuffer.wrap(baselineBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (double x : values) {
      out.putDouble(x);
    }
    ByteBuffer in = ByteBuffer.wrap(baselineBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int j = 0; j < readBack.length; j++) {
      readBack[j] = in.getDouble();
    }
    return readBack;
  }
}
