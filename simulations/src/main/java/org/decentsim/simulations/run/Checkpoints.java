package org.decentsim.simulations.run;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.decentsim.proto.wire.Checkpoint;
import org.decentsim.simulations.scenario.ScenarioException;

/**
 * {@code checkpoint.pb} in a run directory: written atomically (temporary file, then rename), so a
 * run killed while writing keeps its previous checkpoint.
 */
public final class Checkpoints {
  /** File name inside the run directory. */
  public static final String FILE = "checkpoint.pb";

  private Checkpoints() {}

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  static void write(
      Path dir, String scenarioText, double time, double every, byte[] state, long[] staleness) {
    Checkpoint.Builder b =
        Checkpoint.newBuilder()
            .setScenarioSha256(sha256(scenarioText))
            .setVirtualTime(time)
            .setCheckpointEvery(every)
            .setState(ByteString.copyFrom(state));
    for (long s : staleness) {
      b.addStalenessHistogram(s);
    }
    try {
      Path tmp = dir.resolve(FILE + ".tmp");
      Files.write(tmp, b.build().toByteArray());
      Files.move(
          tmp,
          dir.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint in " + dir, e);
    }
  }

  /** Reads the checkpoint of {@code dir} and checks it belongs to {@code scenarioText}. */
  public static Checkpoint read(Path dir, String scenarioText) throws ScenarioException {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      throw new ScenarioException(
          dir + ": no " + FILE + " (run with --checkpoint-every to write checkpoints)");
    }
    Checkpoint c;
    try {
      c = Checkpoint.parseFrom(Files.readAllBytes(f));
    } catch (InvalidProtocolBufferException e) {
      throw new ScenarioException(f + ": not a decentsim checkpoint (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new ScenarioException(f + ": cannot read: " + e.getMessage());
    }
    if (!c.getScenarioSha256().equals(sha256(scenarioText))) {
      throw new ScenarioException(
          f
              + ": belongs to a different scenario than "
              + dir.resolve("scenario.conf")
              + " (was scenario.conf edited?)");
    }
    return c;
  }
}
