package org.decentsim.coordinator.engine;

import java.util.Arrays;
import org.decentsim.coordinator.system.ComputeModel;
import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;

/**
 * The job in flight of every client. The numbers of a client's job sit side by side in one row per
 * client: the engine reads and writes them together on every event, and with one array per field
 * each field was a cache miss of its own once the clients' state outgrew the core's cache (10,000
 * clients and more). The row also holds the client's place in the {@link IdlePool} and its
 * compute-delay stream ({@link #hostComputeStreams}), which a dispatch and a completion touch with
 * the job's numbers. A row is 64 bytes: one cache line.
 *
 * <p>The references of a job (the snapshot sent, the result, a fault, the executor's handle) sit in
 * a slot of a small table that only jobs in flight occupy: a slot is taken when a job is opened and
 * given back when it is closed, and the client's row holds its number. With one row of references
 * per client, each dispatch stored a new snapshot at a random place in an array of millions of
 * references, and the collector had to scan the card around every such store (G1's concurrent
 * refinement: 10% of the process's samples in a direct-engine run of a million clients). The slots
 * of a run's jobs in flight fit in a few cards, and in the core's cache.
 */
final class JobTable {
  private static final int SEQ = 0;
  private static final int VERSION = 1;
  private static final int SAMPLES = 2;
  private static final int STEPS = 3;
  private static final int TAG = 4;
  private static final int FLAGS = 5;
  private static final int COMPUTE_STREAM = 6; // see hostComputeStreams
  private static final int IDLE_POSITION = 7; // see IdlePool
  private static final int LONGS = 8; // 64 bytes: a row is one cache line when it starts on one

  /**
   * Where the first row starts. A long[] larger than half a G1 heap region (a 2 MB array with an 8
   * GB heap: 32,768 clients) is a humongous object, placed at the start of a region; its elements
   * begin after the 16-byte header, so element 6 is the first on a 64-byte boundary. Smaller tables
   * fit in the cache anyway, and there the 48 bytes of padding are all the layout costs.
   */
  private static final int FIRST_ROW = 6;

  private static final int SENT = 0;
  private static final int DELTA = 1;
  private static final int PAYLOAD = 2;
  private static final int FAULT = 3;
  private static final int HANDLE = 4;
  private static final int REFS = 5;
  private static final long RESULT_IN = 1;
  private static final long WAITING_LATE = 2;
  private static final int SLOT_SHIFT = 32; // FLAGS holds the slot number + 1 above the flags

  private final int clients;
  private final long[] longs;
  private Object[] refs = new Object[16 * REFS];
  private int[] free = new int[16]; // slots given back, the last given back on top
  private int freeCount;
  private int slotsUsed; // slots ever handed out; those from here on are new

  JobTable(int clients) {
    this.clients = clients;
    this.longs = new long[Math.addExact(FIRST_ROW, Math.multiplyExact(clients, LONGS))];
    for (int c = 0; c < clients; c++) {
      longs[row(c) + SEQ] = -1;
    }
  }

  /**
   * Gives the clients' compute-delay streams a column of the rows: a dispatch draws the client's
   * compute time and then opens its job, and with the stream's slot in its own array of millions
   * that was a cache miss of its own.
   */
  void hostComputeStreams(ComputeModel compute) {
    compute.keepStreamsIn(longs, FIRST_ROW + COMPUTE_STREAM, LONGS);
  }

  /** The client's position in the {@link IdlePool} that keeps its place here, or -1. */
  int idlePosition(int c) {
    return (int) longs[row(c) + IDLE_POSITION];
  }

  void setIdlePosition(int c, int position) {
    longs[row(c) + IDLE_POSITION] = position;
  }

  int clients() {
    return clients;
  }

  private static int row(int c) {
    return FIRST_ROW + c * LONGS;
  }

  /** Event sequence number of the client's COMPUTED event, or -1 when it has no job in flight. */
  long seq(int c) {
    return longs[row(c) + SEQ];
  }

  /**
   * Opens a job of client {@code c} (which has none) whose COMPUTED event is {@code seq}, with
   * empty references and flags.
   */
  void open(int c, long seq) {
    if (seq < 0) {
      throw new IllegalArgumentException("event sequence numbers are >= 0, got " + seq);
    }
    if (seq(c) != -1) {
      throw new IllegalStateException("client " + c + " already has a job in flight");
    }
    int slot;
    if (freeCount > 0) {
      slot = free[--freeCount];
    } else {
      if (slotsUsed * REFS == refs.length) {
        refs = Arrays.copyOf(refs, 2 * refs.length);
        free = Arrays.copyOf(free, 2 * free.length);
      }
      slot = slotsUsed++;
    }
    longs[row(c) + SEQ] = seq;
    longs[row(c) + FLAGS] = (long) (slot + 1) << SLOT_SHIFT;
  }

  /** Closes the job of client {@code c}: it has none in flight afterwards. */
  void close(int c) {
    int slot = slot(c);
    if (slot < 0) {
      throw new IllegalStateException("client " + c + " has no job in flight");
    }
    int i = slot * REFS;
    refs[i + SENT] = null;
    refs[i + DELTA] = null;
    refs[i + PAYLOAD] = null;
    refs[i + FAULT] = null;
    refs[i + HANDLE] = null;
    free[freeCount++] = slot;
    longs[row(c) + SEQ] = -1;
    longs[row(c) + FLAGS] = 0;
  }

  /** Slots of jobs in flight plus slots given back: at most the largest number of jobs at once. */
  int slots() {
    return slotsUsed;
  }

  /** The slot of client c's job in flight, or -1. */
  private int slot(int c) {
    return (int) (longs[row(c) + FLAGS] >>> SLOT_SHIFT) - 1;
  }

  /** Index of field {@code field} of client c's job in {@link #refs}; fails without a job. */
  private int ref(int c, int field) {
    int slot = slot(c);
    if (slot < 0) {
      throw new IllegalStateException("client " + c + " has no job in flight");
    }
    return slot * REFS + field;
  }

  /** Field {@code field} of client c's job, or null when it has no job in flight. */
  private Object get(int c, int field) {
    int slot = slot(c);
    return slot < 0 ? null : refs[slot * REFS + field];
  }

  /** Model version the job was sent. */
  long version(int c) {
    return longs[row(c) + VERSION];
  }

  void setVersion(int c, long version) {
    longs[row(c) + VERSION] = version;
  }

  long samples(int c) {
    return longs[row(c) + SAMPLES];
  }

  void setSamples(int c, long samples) {
    longs[row(c) + SAMPLES] = samples;
  }

  int steps(int c) {
    return (int) longs[row(c) + STEPS];
  }

  void setSteps(int c, int steps) {
    longs[row(c) + STEPS] = steps;
  }

  /** -1, or the tag of a carried job (delivered with no uplink). */
  int tag(int c) {
    return (int) longs[row(c) + TAG];
  }

  void setTag(int c, int tag) {
    longs[row(c) + TAG] = tag;
  }

  /** True once the job's result (update or fault) is in. */
  boolean resultIn(int c) {
    return (longs[row(c) + FLAGS] & RESULT_IN) != 0;
  }

  void setResultIn(int c, boolean in) {
    setFlag(c, RESULT_IN, in);
  }

  /** Realtime mode: the job's COMPUTED event came before its result. */
  boolean waitingLate(int c) {
    return (longs[row(c) + FLAGS] & WAITING_LATE) != 0;
  }

  void setWaitingLate(int c, boolean waiting) {
    setFlag(c, WAITING_LATE, waiting);
  }

  private void setFlag(int c, long flag, boolean on) {
    int i = row(c) + FLAGS;
    longs[i] = on ? longs[i] | flag : longs[i] & ~flag;
  }

  /** The model snapshot the job was sent. */
  Vector sent(int c) {
    return (Vector) get(c, SENT);
  }

  void setSent(int c, Vector sent) {
    refs[ref(c, SENT)] = sent;
  }

  /** The result once handed in, until the update is delivered. */
  double[] delta(int c) {
    return (double[]) get(c, DELTA);
  }

  void setDelta(int c, double[] delta) {
    refs[ref(c, DELTA)] = delta;
  }

  /** The same, when the uplink is compressed. */
  Payload payload(int c) {
    return (Payload) get(c, PAYLOAD);
  }

  void setPayload(int c, Payload payload) {
    refs[ref(c, PAYLOAD)] = payload;
  }

  /** Why the job failed, once a fault is handed in. */
  String fault(int c) {
    return (String) get(c, FAULT);
  }

  void setFault(int c, String fault) {
    refs[ref(c, FAULT)] = fault;
  }

  /** What the executor keeps of the job, if anything (see {@link Simulation#setJobHandle}). */
  Object handle(int c) {
    return get(c, HANDLE);
  }

  void setHandle(int c, Object handle) {
    refs[ref(c, HANDLE)] = handle;
  }
}
