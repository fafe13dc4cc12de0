package org.decentsim.simulations.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.Locale;

/**
 * A typed, validating view over a resolved scenario: every getter checks type and range and, on
 * failure, throws a {@link ScenarioException} that names where the value was set (file:line, the
 * {@code --set} option, or the default) and the key.
 */
public final class Settings {
  private static final Config REFERENCE = ScenarioLoader.reference();
  private final Config config;
  private final String file;

  Settings(Config config, String file) {
    this.config = config;
    this.file = file;
  }

  public Config config() {
    return config;
  }

  /** Where {@code key}'s value comes from, e.g. {@code config/q.conf:12}. */
  public String where(String key) {
    if (!config.hasPath(key)) {
      return "scenario";
    }
    String w = describe(config.getValue(key).origin());
    return w.equals("default") ? file + " (default value)" : w;
  }

  static String describe(ConfigOrigin o) {
    if (o.filename() != null) {
      return o.lineNumber() > 0 ? o.filename() + ":" + o.lineNumber() : o.filename();
    }
    if (o.resource() != null && o.resource().startsWith("decentsim-reference")) {
      return "default";
    }
    return o.description();
  }

  /**
   * True when {@code key} has its reference default value (set explicitly or not: a run's resolved
   * scenario.conf lists every key).
   */
  public boolean isDefault(String key) {
    return config.hasPath(key)
        && REFERENCE.hasPath(key)
        && config.getValue(key).unwrapped().equals(REFERENCE.getValue(key).unwrapped());
  }

  /** An error about {@code key}. */
  public ScenarioException error(String key, String message) {
    return new ScenarioException(where(key) + ": " + key + ": " + message);
  }

  private ConfigValue value(String key) throws ScenarioException {
    if (!config.hasPath(key)) {
      throw new ScenarioException("scenario: " + key + ": missing (and it has no default)");
    }
    return config.getValue(key);
  }

  public String string(String key) throws ScenarioException {
    ConfigValue v = value(key);
    if (v.valueType() != ConfigValueType.STRING
        && v.valueType() != ConfigValueType.NUMBER
        && v.valueType() != ConfigValueType.BOOLEAN) {
      throw error(key, "expected a string, got " + typeName(v));
    }
    return String.valueOf(v.unwrapped());
  }

  /** A string that must be one of {@code allowed} (lower-case names). */
  public String choice(String key, String... allowed) throws ScenarioException {
    String s = string(key);
    if (!Arrays.asList(allowed).contains(s)) {
      throw error(key, "'" + s + "' is not one of " + String.join(" | ", allowed));
    }
    return s;
  }

  /** An enum constant named like the lower-case, dash-separated value. */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type) throws ScenarioException {
    E[] constants = type.getEnumConstants();
    String[] names = new String[constants.length];
    for (int i = 0; i < constants.length; i++) {
      names[i] = constants[i].name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    String s = choice(key, names);
    return constants[Arrays.asList(names).indexOf(s)];
  }

  public double number(String key) throws ScenarioException {
    try {
      double d = config.getDouble(key);
      if (!Double.isFinite(d)) {
        throw error(key, "must be a finite number, got " + d);
      }
      return d;
    } catch (ConfigException.WrongType e) {
      throw error(key, "expected a number, got " + typeName(value(key)));
    }
  }

  /** A number in [lo, hi]. */
  public double numberIn(String key, double lo, double hi) throws ScenarioException {
    double d = number(key);
    if (d < lo || d > hi) {
      throw error(key, "must be in [" + fmt(lo) + ", " + fmt(hi) + "], got " + fmt(d));
    }
    return d;
  }

  /** A number &gt; 0. */
  public double positive(String key) throws ScenarioException {
    double d = number(key);
    if (!(d > 0)) {
      throw error(key, "must be > 0, got " + fmt(d));
    }
    return d;
  }

  public long integer(String key, long lo, long hi) throws ScenarioException {
    ConfigValue v = value(key);
    long n;
    try {
      n = config.getLong(key);
    } catch (ConfigException.WrongType e) {
      throw error(key, "expected an integer, got " + typeName(v));
    }
    if (v.unwrapped() instanceof Number num && num.doubleValue() != n) {
      throw error(key, "expected an integer, got " + num);
    }
    if (n < lo || n > hi) {
      throw error(key, "must be in [" + lo + ", " + hi + "], got " + n);
    }
    return n;
  }

  public int integer(String key, int lo, int hi) throws ScenarioException {
    return (int) integer(key, (long) lo, (long) hi);
  }

  public boolean bool(String key) throws ScenarioException {
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw error(key, "expected true or false, got " + typeName(value(key)));
    }
  }

  /** A number, or the word {@code off} (returned as NaN). */
  public double numberOrOff(String key) throws ScenarioException {
    ConfigValue v = value(key);
    if (v.valueType() == ConfigValueType.STRING && "off".equals(v.unwrapped())) {
      return Double.NaN;
    }
    if (v.valueType() != ConfigValueType.NUMBER) {
      throw error(key, "expected a number or off, got " + typeName(v));
    }
    return number(key);
  }

  private static String typeName(ConfigValue v) {
    return switch (v.valueType()) {
      case STRING -> "the string '" + v.unwrapped() + "'";
      case NUMBER -> "the number " + v.unwrapped();
      case BOOLEAN -> "the boolean " + v.unwrapped();
      case NULL -> "null";
      case LIST -> "a list";
      case OBJECT -> "an object";
    };
  }

  private static String fmt(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
