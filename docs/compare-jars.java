// Compares two builds of decentsim on one scenario, in one JVM and in turn: each jar gets a class
// loader of its own, both run once unmeasured, then they take turns (A B, B A, A B, ...) for the
// given number of pairs. Turns this close together share the machine's state, which drifts
// between commands by more than most single changes (docs/PERFORMANCE.md, "Spread between
// commands"). Each run is timed like `bench` times it: from the first evaluation point to the
// last. Prints every run, both medians and in how many pairs B was faster; stops with an error
// when two runs give different digests (two builds compared this way must agree). Run from the
// repository root, e.g. with the jar of an earlier commit as A:
//   java -Xmx14g docs/compare-jars.java /tmp/before.jar simulations/target/decentsim.jar \
//       config/bench/scale.conf ACTOR 2 30 decentsim.stop.max-events=500000
// Arguments: jar A, jar B, scenario, engine (ACTOR or DIRECT), threads, pairs, then any number
// of scenario overrides (KEY=VALUE, as `--set` takes them). The scenario's data is built once per
// jar, so the heap must hold it twice.
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;

public class CompareJars {
  private static final String PKG = "org.decentsim.";
  private static String digest;

  public static void main(String[] a) throws Exception {
    if (a.length < 6) {
      System.err.println("usage: jarA jarB scenario ACTOR|DIRECT threads pairs [KEY=VALUE ...]");
      System.exit(2);
    }
    String engine = a[3];
    int threads = Integer.parseInt(a[4]);
    int pairs = Integer.parseInt(a[5]);
    List<String> sets = Arrays.asList(a).subList(6, a.length);
    ClassLoader[] loaders = new ClassLoader[2];
    Object[] scenarios = new Object[2];
    for (int i = 0; i < 2; i++) {
      URL jar = Path.of(a[i]).toUri().toURL();
      loaders[i] = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
      Thread.currentThread().setContextClassLoader(loaders[i]);
      scenarios[i] =
          loaders[i]
              .loadClass(PKG + "simulations.scenario.ScenarioBuilder")
              .getMethod("load", Path.class, List.class)
              .invoke(null, Path.of(a[2]), sets);
    }
    for (int i = 0; i < 2; i++) {
      run(loaders[i], scenarios[i], engine, threads); // unmeasured
    }
    double[][] rates = new double[2][pairs];
    for (int p = 0; p < pairs; p++) {
      for (int k = 0; k < 2; k++) {
        int i = p % 2 == 0 ? k : 1 - k;
        double[] r = run(loaders[i], scenarios[i], engine, threads);
        rates[i][p] = r[0];
        System.out.printf(
            Locale.ROOT,
            "pair %d %s: %.0f events/s, the coordinator computed %.0f jobs%n",
            p,
            i == 0 ? "A" : "B",
            r[0],
            r[1]);
      }
    }
    int faster = 0;
    for (int p = 0; p < pairs; p++) {
      faster += rates[1][p] > rates[0][p] ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "A median %.0f events/s, B median %.0f events/s; B faster in %d of %d pairs%n",
        median(rates[0]),
        median(rates[1]),
        faster,
        pairs);
    System.exit(0); // the evaluation helpers' threads of both jars
  }

  /** One run: {events/s, jobs the coordinator computed}. */
  private static double[] run(ClassLoader cl, Object scenario, String engine, int threads)
      throws Exception {
    Thread.currentThread().setContextClassLoader(cl);
    Class<?> listenerType = cl.loadClass(PKG + "coordinator.engine.RunListener");
    Object listener =
        Proxy.newProxyInstance(
            cl,
            new Class<?>[] {listenerType},
            (proxy, m, args) -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : null);
    long start = System.nanoTime();
    DoubleSupplier wall = () -> (System.nanoTime() - start) / 1e9;
    Object run =
        scenario
            .getClass()
            .getMethod("newRun", listenerType, DoubleSupplier.class)
            .invoke(scenario, listener, wall);
    Class<?> launcher = cl.loadClass(PKG + "simulations.launch.LocalLauncher");
    Class<?> engines = cl.loadClass(PKG + "simulations.launch.LocalLauncher$Engine");
    Object e = engines.getMethod("valueOf", String.class).invoke(null, engine);
    Method m =
        launcher.getMethod(
            "run", run.getClass(), engines, int.class, boolean.class, LongConsumer.class);
    long[] coordinatorJobs = new long[1];
    Object outcome = m.invoke(null, run, e, threads, false, (LongConsumer) n -> coordinatorJobs[0] = n);
    String d = (String) outcome.getClass().getMethod("digest").invoke(outcome);
    if (digest != null && !digest.equals(d)) {
      System.err.println("error: digests differ: " + digest + " and " + d);
      System.exit(1);
    }
    digest = d;
    List<?> rows = (List<?>) outcome.getClass().getMethod("rows").invoke(outcome);
    Object first = rows.get(0);
    Object last = rows.get(rows.size() - 1);
    double seconds = wallSeconds(last) - wallSeconds(first);
    long events = ((Number) last.getClass().getMethod("events").invoke(last)).longValue();
    return new double[] {events / seconds, coordinatorJobs[0]};
  }

  private static double wallSeconds(Object row) throws Exception {
    return (double) row.getClass().getMethod("wallSeconds").invoke(row);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
