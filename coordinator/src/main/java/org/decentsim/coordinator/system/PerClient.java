package org.decentsim.coordinator.system;

import java.util.Objects;

/**
 * One value per client, kept once when every client has the same (bit for bit): a lookup in a
 * per-client array is a cache miss of its own once there are many clients. A client index outside
 * the run is refused either way.
 */
final class PerClient {
  private final double[] values; // null when every client has the same value
  private final double same;
  private final int clients;

  PerClient(double[] values) {
    boolean allSame = allEqual(values);
    this.values = allSame ? null : values;
    this.same = allSame && values.length > 0 ? values[0] : 0;
    this.clients = values.length;
  }

  /** Client {@code i}'s value. */
  double get(int i) {
    if (values == null) {
      Objects.checkIndex(i, clients);
      return same;
    }
    return values[i];
  }

  /** True when every value has the same bits as the first (also for no values). */
  static boolean allEqual(double[] values) {
    for (int i = 1; i < values.length; i++) {
      if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(values[0])) {
        return false;
      }
    }
    return true;
  }
}
