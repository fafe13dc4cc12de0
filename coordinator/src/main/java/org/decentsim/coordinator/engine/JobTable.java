package org.decentsim.coordinator.engine;

import org.decentsim.proto.protocol.Payload;
import org.decentsim.proto.protocol.Vector;

/**
 * The job in flight of every client, one client's fields side by side. The engine reads and writes
 * them together on every event; with one array per field, each field was a cache miss of its own
 * once the clients' state outgrew the core's cache (10,000 clients and more).
 */
final class JobTable {
  private static final int SEQ = 0;
  private static final int VERSION = 1;
  private static final int SAMPLES = 2;
  private static final int STEPS = 3;
  private static final int TAG = 4;
  private static final int FLAGS = 5;
  private static final int LONGS = 6;
  private static final int SENT = 0;
  private static final int DELTA = 1;
  private static final int PAYLOAD = 2;
  private static final int FAULT = 3;
  private static final int REFS = 4;
  private static final long RESULT_IN = 1;
  private static final long WAITING_LATE = 2;

  private final int clients;
  private final long[] longs;
  private final Object[] refs;

  JobTable(int clients) {
    this.clients = clients;
    this.longs = new long[Math.multiplyExact(clients, LONGS)];
    this.refs = new Object[Math.multiplyExact(clients, REFS)];
    for (int c = 0; c < clients; c++) {
      longs[c * LONGS + SEQ] = -1;
    }
  }

  int clients() {
    return clients;
  }

  /** Event sequence number of the client's COMPUTED event, or -1 when it has no job in flight. */
  long seq(int c) {
    return longs[c * LONGS + SEQ];
  }

  void setSeq(int c, long seq) {
    longs[c * LONGS + SEQ] = seq;
  }

  /** Model version the job was sent. */
  long version(int c) {
    return longs[c * LONGS + VERSION];
  }

  void setVersion(int c, long version) {
    longs[c * LONGS + VERSION] = version;
  }

  long samples(int c) {
    return longs[c * LONGS + SAMPLES];
  }

  void setSamples(int c, long samples) {
    longs[c * LONGS + SAMPLES] = samples;
  }

  int steps(int c) {
    return (int) longs[c * LONGS + STEPS];
  }

  void setSteps(int c, int steps) {
    longs[c * LONGS + STEPS] = steps;
  }

  /** -1, or the tag of a carried job (delivered with no uplink). */
  int tag(int c) {
    return (int) longs[c * LONGS + TAG];
  }

  void setTag(int c, int tag) {
    longs[c * LONGS + TAG] = tag;
  }

  /** True once the job's result (update or fault) is in. */
  boolean resultIn(int c) {
    return (longs[c * LONGS + FLAGS] & RESULT_IN) != 0;
  }

  void setResultIn(int c, boolean in) {
    setFlag(c, RESULT_IN, in);
  }

  /** Realtime mode: the job's COMPUTED event came before its result. */
  boolean waitingLate(int c) {
    return (longs[c * LONGS + FLAGS] & WAITING_LATE) != 0;
  }

  void setWaitingLate(int c, boolean waiting) {
    setFlag(c, WAITING_LATE, waiting);
  }

  private void setFlag(int c, long flag, boolean on) {
    int i = c * LONGS + FLAGS;
    longs[i] = on ? longs[i] | flag : longs[i] & ~flag;
  }

  /** The model snapshot the job was sent. */
  Vector sent(int c) {
    return (Vector) refs[c * REFS + SENT];
  }

  void setSent(int c, Vector sent) {
    refs[c * REFS + SENT] = sent;
  }

  /** The result once handed in, until the update is delivered. */
  double[] delta(int c) {
    return (double[]) refs[c * REFS + DELTA];
  }

  void setDelta(int c, double[] delta) {
    refs[c * REFS + DELTA] = delta;
  }

  /** The same, when the uplink is compressed. */
  Payload payload(int c) {
    return (Payload) refs[c * REFS + PAYLOAD];
  }

  void setPayload(int c, Payload payload) {
    refs[c * REFS + PAYLOAD] = payload;
  }

  /** Why the job failed, once a fault is handed in. */
  String fault(int c) {
    return (String) refs[c * REFS + FAULT];
  }

  void setFault(int c, String fault) {
    refs[c * REFS + FAULT] = fault;
  }
}
