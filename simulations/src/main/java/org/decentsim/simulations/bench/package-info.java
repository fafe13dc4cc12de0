/**
 * JMH benchmarks of the hot paths, each beside a plain-loop baseline doing the same math. Run them
 * from the runnable jar: {@code java -cp simulations/target/decentsim.jar org.openjdk.jmh.Main
 * -prof gc}.
 */
package org.decentsim.simulations.bench;
