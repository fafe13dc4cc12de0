package org.decentsim.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.decentsim.simulations.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/** Rules of the code base that the compiler cannot check. */
class ProjectRulesTest {
  @Test
  void akkaImports_onlyInWorkerActorProtoAndLaunchPackages() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (String module : List.of("node", "coordinator", "simulations")) {
      try (Stream<Path> files = Files.walk(Path.of(module, "src", "main", "java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String pkg = f.getParent().toString().replace('\\', '/');
          boolean allowed =
              pkg.endsWith("/worker") || pkg.endsWith("/actor") || pkg.endsWith("/launch");
          if (!allowed && Files.readString(f).contains("import akka.")) {
            offenders.add(f.toString());
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void actorHandlers_returnBehaviorsSame_neverThis() throws IOException {
    // an actor inside an interceptor (timers, supervision) that returns `this` is wrapped in a new
    // interceptor on every message; Behaviors.same() is not
    List<String> offenders = new ArrayList<>();
    for (String module : List.of("node", "coordinator", "simulations")) {
      try (Stream<Path> files = Files.walk(Path.of(module, "src", "main", "java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String code = Files.readString(f);
          if (code.contains("extends AbstractBehavior<") && code.contains("return this;")) {
            offenders.add(f.toString());
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void everyPackage_hasPackageInfo() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : List.of("proto", "node", "coordinator", "simulations")) {
      try (Stream<Path> dirs = Files.walk(Path.of(module, "src", "main", "java"))) {
        for (Path d : dirs.filter(Files::isDirectory).toList()) {
          boolean hasJava;
          try (Stream<Path> in = Files.list(d)) {
            hasJava = in.anyMatch(p -> p.toString().endsWith(".java"));
          }
          if (hasJava && !Files.exists(d.resolve("package-info.java"))) {
            missing.add(d.toString());
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void scenarioReferencePage_listsEveryKey() throws IOException {
    String page = Files.readString(Path.of("docs", "SCENARIOS.md"));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : ScenarioLoader.reference().entrySet()) {
      String prefix = "| `" + e.getKey() + "` | `";
      int at = page.indexOf(prefix);
      if (at < 0) {
        wrong.add(e.getKey() + ": missing");
        continue;
      }
      int from = at + prefix.length();
      String cell = page.substring(from, page.indexOf('`', from));
      Object documented = ConfigFactory.parseString("v = " + cell).getValue("v").unwrapped();
      if (!String.valueOf(documented).equals(String.valueOf(e.getValue().unwrapped()))) {
        wrong.add(
            e.getKey() + ": documented " + documented + ", default " + e.getValue().unwrapped());
      }
    }
    assertThat(wrong).isEmpty();
  }
}
