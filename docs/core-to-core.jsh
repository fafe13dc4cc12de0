// Round trip of one cache line between two threads (so, on this 2-vCPU machine, between the two
// cores), averaged over each 200,000 round trips, for the number of seconds given below. Every
// event of the actor engine moves several cache lines between the cores (the job to a worker, its
// result back), so its speed follows this latency where the direct engine's does not.
// Run from the repository root:
//   jshell docs/core-to-core.jsh
import java.util.concurrent.atomic.AtomicLong;
long seconds = 20;
AtomicLong flag = new AtomicLong();
Thread echo = new Thread(() -> {
  for (long v = 1; ; v += 2) {
    while (flag.get() != v) { Thread.onSpinWait(); }
    flag.lazySet(v + 1);
  }
});
echo.setDaemon(true);
echo.start();
long v = 0;
long end = System.nanoTime() + seconds * 1_000_000_000L;
StringBuilder out = new StringBuilder();
while (System.nanoTime() < end) {
  int n = 200_000;
  long t0 = System.nanoTime();
  for (int i = 0; i < n; i++) {
    flag.lazySet(v + 1);
    v += 2;
    while (flag.get() != v) { Thread.onSpinWait(); }
  }
  out.append(Math.round((System.nanoTime() - t0) / (double) n)).append(' ');
}
System.out.println("ns per round trip, each figure over 200,000: " + out);
/exit
