package org.decentsim.node.client;

import org.decentsim.node.compress.Compression;
import org.decentsim.node.compress.Decoder;
import org.decentsim.node.compress.Encoder;
import org.decentsim.node.data.Partition;
import org.decentsim.node.random.Rng;
import org.decentsim.node.random.RngTable;
import org.decentsim.node.solver.LocalSgd;
import org.decentsim.proto.protocol.Payload;

/**
 * The clients one worker hosts, {@code first, first + stride, ...}, as plain state: each client's
 * data view and batch stream {@code ("client-batch", id)}, the latter one slot of the shard's own
 * stream table. Runs their local work on one thread at a time with one solver workspace.
 *
 * <p>A client's stream advances once per training job, so its draws depend only on how many jobs it
 * ran before, never on threads or on which worker hosts it.
 */
public final class ClientShard {
  private final Federation federation;
  private final int first;
  private final int stride;
  private final int count;
  private final LocalSgd solver;
  private final Encoder encoder; // null when the uplink is not compressed
  private final double[] delta;
  private double lastLoss;
  private final Decoder downlink; // null when the downlink is not compressed
  private final double[] received;
  private final int dim;
  private final RngTable batchStreams; // slot k: client first + k * stride
  private final Rng batchCursor = new Rng(0);
  private final boolean onCoordinator; // which side of the run's UpdateBuffers it takes from

  ClientShard(Federation federation, int first, int stride, int count, boolean onCoordinator) {
    this(
        federation,
        first,
        stride,
        count,
        federation.clientStates().batchStreams(first, stride, count),
        onCoordinator);
  }

  private ClientShard(
      Federation federation,
      int first,
      int stride,
      int count,
      RngTable batchStreams,
      boolean onCoordinator) {
    this.federation = federation;
    this.onCoordinator = onCoordinator;
    this.first = first;
    this.stride = stride;
    this.count = count;
    this.solver =
        new LocalSgd(federation.objectives().get(), federation.localLr(), federation.batchSize());
    this.dim = federation.modelDim();
    this.encoder = federation.uplink() == null ? null : new Encoder(federation.uplink(), dim);
    this.delta = encoder == null ? null : new double[dim];
    Compression down = federation.downlink();
    this.downlink =
        down == null
            ? null
            : new Decoder(down.feedback(), dim, federation.clientStates().downlinkMirrors());
    this.received = downlink == null ? null : new double[dim];
    this.batchStreams = batchStreams;
  }

  /**
   * The shard that hosts {@code client} when the clients are dealt to {@code shards} shards as
   * {@code k, k + shards, ...} ({@link Federation#shard}{@code (k, shards, ...)}): {@code client
   * mod shards}.
   */
  public static int dealtTo(int client, int shards) {
    return client % shards;
  }

  /**
   * A shard of the same clients and batch streams with a workspace of its own, for the coordinator
   * to compute some of their jobs. The two must never run a job of the same client at once, and a
   * client's jobs must be ordered between them (each job handed over with happens-before).
   */
  public ClientShard twin() {
    return new ClientShard(federation, first, stride, count, batchStreams, true);
  }

  /**
   * Decodes a compressed downlink message for client {@code id} (updating its mirror of the model).
   *
   * @return the model the client trains from, in a buffer valid until the next call
   */
  public double[] receive(int id, Payload modelPayload) {
    local(id);
    if (downlink == null) {
      throw new IllegalStateException("the downlink is not compressed");
    }
    downlink.decode(id, modelPayload, received);
    return received;
  }

  /**
   * An array for an uncompressed update, recycled through the run's {@link UpdateBuffers}: the
   * receiver gives it back once the update has been used. A shard on the coordinator takes from the
   * coordinator's side, a worker's from the ring of its worker.
   */
  public double[] updateBuffer() {
    UpdateBuffers b = federation.clientStates().updateBuffers(dim);
    return onCoordinator ? b.take() : b.take(first, stride);
  }

  /** True when updates leave as compressed payloads ({@link #trainAndEncode}). */
  public boolean compressesUplink() {
    return encoder != null;
  }

  /**
   * Runs {@code steps} local steps of client {@code id} from {@code model} (not modified) and
   * encodes the update with the uplink compression and the client's error-feedback state.
   *
   * @return the client's payload, valid until its next job; {@link #lastLoss()} has the loss
   */
  public Payload trainAndEncode(int id, double[] model, int steps) {
    if (encoder == null) {
      throw new IllegalStateException("the uplink is not compressed");
    }
    lastLoss = trainInto(id, model, steps, delta);
    return encoder.encode(id, delta, federation.clientStates().uplink(id));
  }

  /** The mean minibatch loss of the last {@link #trainAndEncode}. */
  public double lastLoss() {
    return lastLoss;
  }

  public int first() {
    return first;
  }

  public int stride() {
    return stride;
  }

  public int count() {
    return count;
  }

  /** True when this shard hosts client {@code id}. */
  public boolean hosts(int id) {
    int k = (id - first) / stride;
    return id >= first && (id - first) % stride == 0 && k < count;
  }

  private int local(int id) {
    if (!hosts(id)) {
      throw new IllegalArgumentException("client " + id + " is not hosted by this shard");
    }
    return (id - first) / stride;
  }

  /**
   * Runs {@code steps} local steps of client {@code id} from {@code model} (not modified), writing
   * the update into {@code outDelta} (modified).
   *
   * @return the mean minibatch loss over the steps
   */
  public double trainInto(int id, double[] model, int steps, double[] outDelta) {
    int k = local(id);
    Rng rng = batchStreams.load(k, batchCursor);
    Partition p = federation.partition();
    double loss =
        solver.trainInto(
            federation.train(),
            p.order(),
            p.offsets()[id],
            p.offsets()[id + 1],
            rng,
            model,
            steps,
            outDelta);
    batchStreams.store(k, rng);
    return loss;
  }

  /** Rows client {@code id} reads per local step. */
  public int samplesPerStep(int id) {
    return solver.samplesPerStep(federation.partition().size(id));
  }
}
