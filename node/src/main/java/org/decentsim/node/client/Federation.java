package org.decentsim.node.client;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.decentsim.node.compress.Compression;
import org.decentsim.node.data.DataSet;
import org.decentsim.node.data.DataView;
import org.decentsim.node.data.Partition;
import org.decentsim.node.objective.Objective;
import org.decentsim.node.random.Streams;

/**
 * Everything a node needs to build its clients: the training data and its partition, the test data,
 * the objective and the local solver's settings. Built identically from the scenario on every node,
 * so no data ever travels.
 */
public record Federation(
    DataSet train,
    DataSet testOrNull,
    Partition partition,
    Supplier<Objective> objectives,
    double localLr,
    int batchSize,
    Streams streams,
    ClientStates clientStates,
    Compression uplink,
    Compression downlink) {

  /**
   * The same federation with uplink compression ({@code null} or {@link Compression#isOff()}: the
   * update is sent as it is).
   */
  public Federation withUplink(Compression uplink) {
    return withCompression(uplink, downlink);
  }

  /**
   * The same federation with downlink compression ({@code null} or {@link Compression#isOff()}: the
   * model is sent as it is).
   */
  public Federation withDownlink(Compression downlink) {
    return withCompression(uplink, downlink);
  }

  private Federation withCompression(Compression up, Compression down) {
    return new Federation(
        train,
        testOrNull,
        partition,
        objectives,
        localLr,
        batchSize,
        streams,
        clientStates,
        up == null || up.isOff() ? null : up,
        down == null || down.isOff() ? null : down);
  }

  /** A federation with fresh client state: {@code clientStates} starts empty. */
  public Federation(
      DataSet train,
      DataSet testOrNull,
      Partition partition,
      Supplier<Objective> objectives,
      double localLr,
      int batchSize,
      Streams streams) {
    this(
        train,
        testOrNull,
        partition,
        objectives,
        localLr,
        batchSize,
        streams,
        new ClientStates(partition.clients(), streams),
        null,
        null);
  }

  /** The same federation with fresh client state, for a new run. */
  public Federation forRun() {
    return new Federation(train, testOrNull, partition, objectives, localLr, batchSize, streams)
        .withUplink(uplink)
        .withDownlink(downlink);
  }

  public int clients() {
    return partition.clients();
  }

  /** Client {@code c}'s rows. */
  public DataView view(int c) {
    return partition.view(train, c);
  }

  /** Dimension of the model (creates an objective to ask it: keep the answer off hot paths). */
  public int modelDim() {
    return objectives.get().modelDim();
  }

  /**
   * The SHA-256 (hex) of the data of clients {@code first, first + stride, ...} ({@code count} of
   * them): each client's id, row count and rows (features and label, bit for bit), in client order.
   * Nodes of a cluster compare it to make sure they built the same partitions.
   */
  public String fingerprint(int first, int stride, int count) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
    ByteBuffer buf = ByteBuffer.allocate(1 << 14).order(ByteOrder.LITTLE_ENDIAN);
    int[] order = partition.order();
    int[] offsets = partition.offsets();
    for (int k = 0; k < count; k++) {
      int c = first + k * stride;
      if (buf.remaining() < 8) {
        md.update(buf.array(), 0, buf.position());
        buf.clear();
      }
      buf.putInt(c).putInt(offsets[c + 1] - offsets[c]);
      for (int q = offsets[c]; q < offsets[c + 1]; q++) {
        train.digestRow(order[q], md, buf);
      }
    }
    md.update(buf.array(), 0, buf.position());
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * A Worker actor's shard, hosting clients {@code first, first + stride, ...} ({@code count} of
   * them).
   */
  public ClientShard shard(int first, int stride, int count) {
    return new ClientShard(this, first, stride, count, false);
  }

  /** A shard hosting every client, for the coordinator's thread (the direct engine). */
  public ClientShard coordinatorShard() {
    return new ClientShard(this, 0, 1, clients(), true);
  }
}
