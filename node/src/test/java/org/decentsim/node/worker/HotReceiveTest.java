package org.decentsim.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.ReceiveBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotReceiveTest {
  private final List<String> handled = new ArrayList<>();

  private Behavior<Object> note(String what) {
    handled.add(what);
    return Behaviors.same();
  }

  private HotReceive<Object, String> receive() {
    return new HotReceive<>(
        String.class,
        s -> note("hot " + s),
        ReceiveBuilder.create()
            .onMessage(Integer.class, i -> note("rest " + i))
            .onMessage(String.class, s -> note("rest " + s))
            .onSignal(PostStop.class, sig -> note("signal"))
            .build());
  }

  @Test
  void hotType_goesToItsHandler_everythingElseToTheBuiltReceive() throws Exception {
    HotReceive<Object, String> r = receive();
    r.receiveMessage("a");
    r.receiveMessage(7);
    r.receiveMessage("b");
    r.receiveSignal(PostStop.instance());
    assertThat(handled).containsExactly("hot a", "rest 7", "hot b", "signal");
  }

  @Test
  void unmatchedMessage_isUnhandled_asWithTheBuiltReceive() throws Exception {
    assertThat(receive().receiveMessage(2.5)).isEqualTo(Behaviors.unhandled());
    assertThat(handled).isEmpty();
  }
}
