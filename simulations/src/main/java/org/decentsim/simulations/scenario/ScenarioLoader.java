package org.decentsim.simulations.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigParseable;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses a scenario file plus {@code --set key=value} overrides against the reference of every key
 * ({@code decentsim-reference.conf}). Unknown keys, syntax errors, missing files and bad overrides
 * are reported as one-line {@link ScenarioException}s with file:line and key.
 */
public final class ScenarioLoader {
  static final String REFERENCE = "decentsim-reference.conf";

  private ScenarioLoader() {}

  /** The reference (defaults) alone. */
  public static Config reference() {
    return ConfigFactory.parseResources(
        ScenarioLoader.class.getClassLoader(),
        REFERENCE,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  /** Loads, overrides, checks keys and resolves; does not build anything. */
  public static Settings load(Path file, List<String> sets) throws ScenarioException {
    if (!Files.exists(file)) {
      throw new ScenarioException(file + ": scenario file not found");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ScenarioException(file + ": not a readable file");
    }
    Config user;
    try {
      user =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults()
                  .setSyntax(ConfigSyntax.CONF)
                  .setAllowMissing(false)
                  .setIncluder(new RequiredIncluder()));
    } catch (ConfigException.Parse e) {
      throw new ScenarioException(syntaxMessage(file, e));
    } catch (ConfigException e) {
      throw new ScenarioException(file + ": " + e.getMessage());
    }
    return settings(user, sets, file.toString());
  }

  /**
   * Loads a scenario from its text (for example a run's resolved scenario.conf, as a coordinator
   * sends it to cluster nodes), with the same checks as {@link #load}.
   *
   * @param origin names the text in error messages
   */
  public static Settings loadText(String text, String origin) throws ScenarioException {
    Config user;
    try {
      user =
          ConfigFactory.parseString(
              text,
              ConfigParseOptions.defaults()
                  .setSyntax(ConfigSyntax.CONF)
                  .setOriginDescription(origin));
    } catch (ConfigException e) {
      throw new ScenarioException(origin + ": " + e.getMessage());
    }
    return settings(user, List.of(), origin);
  }

  private static Settings settings(Config user, List<String> sets, String origin)
      throws ScenarioException {
    Config reference = reference();
    checkKeys(user, reference);
    Config overrides = ConfigFactory.empty();
    for (String s : sets) {
      Config o = parseSet(s);
      checkKeys(o, reference);
      overrides = o.withFallback(overrides);
    }
    Config merged = overrides.withFallback(user).withFallback(reference);
    try {
      merged = merged.resolve();
    } catch (ConfigException e) {
      throw new ScenarioException(
          (e.origin() != null ? Settings.describe(e.origin()) : origin) + ": " + e.getMessage());
    }
    checkTypes(merged, reference);
    return new Settings(merged, origin);
  }

  private static String syntaxMessage(Path file, ConfigException e) {
    String msg = e.getMessage();
    String where = e.origin() != null ? Settings.describe(e.origin()) : file.toString();
    // Typesafe's message starts with the origin; keep only the explanation
    if (e.origin() != null && msg.startsWith(e.origin().description())) {
      int cut = msg.indexOf(": ", e.origin().description().length());
      if (cut > 0) {
        msg = msg.substring(cut + 2);
      }
    }
    return where + ": syntax error: " + msg;
  }

  private static Config parseSet(String s) throws ScenarioException {
    int eq = s.indexOf('=');
    if (eq <= 0) {
      throw new ScenarioException(
          "--set " + s + ": expected key=value, e.g. --set decentsim.seed=7");
    }
    String key = s.substring(0, eq).trim();
    String value = s.substring(eq + 1).trim();
    try {
      Config c =
          ConfigFactory.parseString(
              key + " = " + value,
              ConfigParseOptions.defaults().setOriginDescription("--set " + s));
      if (!c.hasPathOrNull(key)) {
        throw new ScenarioException("--set " + s + ": '" + key + "' is not a valid key path");
      }
      return c;
    } catch (ConfigException e) {
      // not valid HOCON as a value: take it as a plain string
      try {
        return ConfigFactory.parseMap(Map.of(key, value), "--set " + s);
      } catch (ConfigException e2) {
        throw new ScenarioException("--set " + s + ": " + e2.getMessage());
      }
    }
  }

  /** Every leaf of {@code user} must be a key of the reference. */
  private static void checkKeys(Config user, Config reference) throws ScenarioException {
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (!reference.hasPath(key)) {
        String where = Settings.describe(e.getValue().origin());
        String hint = suggest(key, reference);
        throw new ScenarioException(
            where
                + ": "
                + key
                + ": unknown key"
                + (hint == null ? "" : " (did you mean " + hint + "?)"));
      }
    }
  }

  /** Values of the merged config must have the reference's type (objects vs leaves). */
  private static void checkTypes(Config merged, Config reference) throws ScenarioException {
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      String key = e.getKey();
      if (!merged.hasPath(key)) {
        throw new ScenarioException("scenario: " + key + ": must not be null");
      }
    }
    // a user may not replace a block by a leaf (e.g. algorithm.fedbuff = 3)
    for (String block : blocks(reference)) {
      try {
        merged.getConfig(block);
      } catch (ConfigException.WrongType ex) {
        throw new ScenarioException(
            Settings.describe(merged.getValue(block).origin())
                + ": "
                + block
                + ": must be a block { ... }");
      }
    }
  }

  private static Set<String> blocks(Config reference) {
    Set<String> out = new TreeSet<>();
    for (String key : reference.entrySet().stream().map(Map.Entry::getKey).toList()) {
      int dot = key.lastIndexOf('.');
      while (dot > 0) {
        out.add(key.substring(0, dot));
        dot = key.lastIndexOf('.', dot - 1);
      }
    }
    return out;
  }

  /** The reference key closest to {@code key} by edit distance, if close enough. */
  static String suggest(String key, Config reference) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
      keys.add(e.getKey());
    }
    for (String k : keys) {
      int d = distance(key, k);
      if (d < bestDist) {
        bestDist = d;
        best = k;
      }
    }
    return bestDist <= Math.max(2, key.length() / 6) ? best : null;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * Makes every {@code include} of a scenario required: HOCON skips a missing include silently,
   * which would run a different scenario than the one written.
   */
  private static final class RequiredIncluder implements ConfigIncluder {
    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      ConfigParseable p = context.relativeTo(what);
      try {
        if (p == null) {
          throw new ConfigException.Generic("no such file");
        }
        return p.parse(p.options().setAllowMissing(false).setIncluder(this));
      } catch (ConfigException.IO e) {
        throw new ConfigException.Generic(
            "include \"" + what + "\": not found (includes are relative to the including file)", e);
      }
    }
  }
}
