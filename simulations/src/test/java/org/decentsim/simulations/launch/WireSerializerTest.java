package org.decentsim.simulations.launch;

import static org.assertj.core.api.Assertions.assertThat;

import org.decentsim.proto.protocol.CoordinatorProtocol;
import org.decentsim.proto.protocol.Vector;
import org.decentsim.proto.protocol.WorkerProtocol;
import org.junit.jupiter.api.Test;

class WireSerializerTest {
  @Test
  void trainAndUpdate_roundTripThroughTheClustersSerializer() throws Exception {
    try (WireSerializer wire = new WireSerializer()) {
      Vector v = Vector.copyOf(new double[] {0.5, -1, 2e-9});
      Object train = new WorkerProtocol.Train(4, 8, 15, 16.5, v, null, 23, wire.coordinator());
      Object update = new CoordinatorProtocol.Update(4, 8, v, null, 23, 42, 0.125);
      for (Object m : new Object[] {train, update}) {
        byte[] bytes = wire.write(m);
        assertThat(wire.read(bytes, wire.manifest(m))).isEqualTo(m);
      }
      assertThat(wire.manifest(train)).isNotEqualTo(wire.manifest(update));
    }
  }
}
