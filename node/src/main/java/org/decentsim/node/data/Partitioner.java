package org.decentsim.node.data;

import java.util.Arrays;
import org.decentsim.node.random.Draws;
import org.decentsim.node.random.Rng;

/**
 * Splits the rows of a data set over clients. Every scheme is a deterministic function of the data
 * and the generator it is given, and gives every client at least one row.
 */
public final class Partitioner {
  private Partitioner() {}

  /** I.i.d.: a random permutation cut into near-equal parts (sizes differ by at most one). */
  public static Partition iid(int rows, int clients, Rng rng) {
    checkEnough(rows, clients);
    int[] order = identity(rows);
    Draws.shuffle(rng, order);
    int[] offsets = new int[clients + 1];
    for (int c = 0; c <= clients; c++) {
      offsets[c] = (int) ((long) c * rows / clients);
    }
    return new Partition(order, offsets);
  }

  /**
   * Label skew after Hsu, Qi and Brown (2019): for each class, proportions over clients are drawn
   * from Dirichlet(alpha) and the class's shuffled rows are cut accordingly. Small alpha gives each
   * client few classes. A client left empty takes one row from the largest client.
   */
  public static Partition dirichlet(DataSet data, int clients, double alpha, Rng rng) {
    int rows = data.rows();
    checkEnough(rows, clients);
    int classes = requireClasses(data, "dirichlet");
    int[][] byClass = rowsByClass(data, classes, rng);
    int[][] lists = new int[clients][];
    int[] sizes = new int[clients];
    for (int c = 0; c < clients; c++) {
      lists[c] = new int[8];
    }
    double[] prop = new double[clients];
    for (int k = 0; k < classes; k++) {
      Draws.dirichletInto(rng, alpha, prop);
      int n = byClass[k].length;
      double cum = 0;
      int start = 0;
      for (int c = 0; c < clients; c++) {
        cum += prop[c];
        int end = c == clients - 1 ? n : (int) Math.min(n, Math.round(cum * n));
        for (int p = start; p < end; p++) {
          if (sizes[c] == lists[c].length) {
            lists[c] = Arrays.copyOf(lists[c], sizes[c] * 2);
          }
          lists[c][sizes[c]++] = byClass[k][p];
        }
        start = Math.max(start, end);
      }
    }
    fillEmpty(lists, sizes);
    return fromLists(lists, sizes, rows);
  }

  /**
   * Pathological label shards after McMahan et al. (2017): rows sorted by label are cut into {@code
   * clients * shardsPerClient} shards and each client gets {@code shardsPerClient} random shards,
   * so it sees about that many classes.
   */
  public static Partition shards(DataSet data, int clients, int shardsPerClient, Rng rng) {
    int rows = data.rows();
    int shards = clients * shardsPerClient;
    if (shards > rows) {
      throw new IllegalArgumentException(
          clients
              + " clients x "
              + shardsPerClient
              + " shards need at least "
              + shards
              + " rows, the data has "
              + rows);
    }
    int classes = requireClasses(data, "shards");
    int[][] byClass = rowsByClass(data, classes, rng);
    int[] sorted = new int[rows];
    int p = 0;
    for (int[] cls : byClass) {
      System.arraycopy(cls, 0, sorted, p, cls.length);
      p += cls.length;
    }
    int[] shardIds = identity(shards);
    Draws.shuffle(rng, shardIds);
    int[] order = new int[rows];
    int[] offsets = new int[clients + 1];
    int o = 0;
    for (int c = 0; c < clients; c++) {
      for (int s = 0; s < shardsPerClient; s++) {
        int id = shardIds[c * shardsPerClient + s];
        int from = (int) ((long) id * rows / shards);
        int to = (int) ((long) (id + 1) * rows / shards);
        System.arraycopy(sorted, from, order, o, to - from);
        o += to - from;
      }
      offsets[c + 1] = o;
    }
    return new Partition(order, offsets);
  }

  /**
   * Size skew: client sizes follow a power law, the client of rank r (a random permutation) gets a
   * share proportional to {@code (r + 1)^-exponent}, at least one row; rows are i.i.d. otherwise.
   */
  public static Partition powerLaw(int rows, int clients, double exponent, Rng rng) {
    checkEnough(rows, clients);
    int[] ranks = identity(clients);
    Draws.shuffle(rng, ranks);
    double[] share = new double[clients];
    double total = 0;
    for (int c = 0; c < clients; c++) {
      share[c] = StrictMath.pow(ranks[c] + 1, -exponent);
      total += share[c];
    }
    int spare = rows - clients;
    int[] sizes = new int[clients];
    int assigned = 0;
    for (int c = 0; c < clients; c++) {
      sizes[c] = 1 + (int) Math.floor(spare * share[c] / total);
      assigned += sizes[c];
    }
    // hand out the rounding remainder to the largest shares, in client order among equals
    Integer[] byShare = new Integer[clients];
    for (int c = 0; c < clients; c++) {
      byShare[c] = c;
    }
    Arrays.sort(byShare, (a, b) -> Double.compare(share[b], share[a]));
    for (int k = 0; assigned < rows; k = (k + 1) % clients) {
      sizes[byShare[k]]++;
      assigned++;
    }
    int[] order = identity(rows);
    Draws.shuffle(rng, order);
    int[] offsets = new int[clients + 1];
    for (int c = 0; c < clients; c++) {
      offsets[c + 1] = offsets[c] + sizes[c];
    }
    return new Partition(order, offsets);
  }

  /** The natural groups of a synthetic data set: client g gets the rows of group g. */
  public static Partition natural(DataSet data, int clients) {
    int[] groups = data.groupsOrNull();
    if (groups == null) {
      throw new IllegalArgumentException(
          "partition scheme 'natural' needs synthetic data (which has natural groups)");
    }
    int[][] lists = new int[clients][];
    int[] sizes = new int[clients];
    for (int c = 0; c < clients; c++) {
      lists[c] = new int[8];
    }
    for (int r = 0; r < groups.length; r++) {
      int g = groups[r];
      if (g >= clients) {
        throw new IllegalArgumentException(
            "the data has group " + g + " but there are only " + clients + " clients");
      }
      if (sizes[g] == lists[g].length) {
        lists[g] = Arrays.copyOf(lists[g], sizes[g] * 2);
      }
      lists[g][sizes[g]++] = r;
    }
    for (int c = 0; c < clients; c++) {
      if (sizes[c] == 0) {
        throw new IllegalArgumentException("natural group " + c + " has no rows");
      }
    }
    return fromLists(lists, sizes, groups.length);
  }

  private static void checkEnough(int rows, int clients) {
    if (clients < 1) {
      throw new IllegalArgumentException("need at least one client");
    }
    if (rows < clients) {
      throw new IllegalArgumentException(
          clients + " clients need at least as many training rows; the data has " + rows);
    }
  }

  private static int requireClasses(DataSet data, String scheme) {
    if (data.numClasses() < 1) {
      throw new IllegalArgumentException(
          "partition scheme '" + scheme + "' splits by label and needs classification data");
    }
    return data.numClasses();
  }

  private static int[][] rowsByClass(DataSet data, int classes, Rng rng) {
    int[] counts = new int[classes];
    for (int r = 0; r < data.rows(); r++) {
      counts[data.classOf(r)]++;
    }
    int[][] byClass = new int[classes][];
    for (int k = 0; k < classes; k++) {
      byClass[k] = new int[counts[k]];
    }
    int[] fill = new int[classes];
    for (int r = 0; r < data.rows(); r++) {
      int k = data.classOf(r);
      byClass[k][fill[k]++] = r;
    }
    for (int[] cls : byClass) {
      Draws.shuffle(rng, cls);
    }
    return byClass;
  }

  private static void fillEmpty(int[][] lists, int[] sizes) {
    for (int c = 0; c < sizes.length; c++) {
      if (sizes[c] == 0) {
        int largest = 0;
        for (int k = 1; k < sizes.length; k++) {
          if (sizes[k] > sizes[largest]) {
            largest = k;
          }
        }
        lists[c][0] = lists[largest][--sizes[largest]];
        sizes[c] = 1;
      }
    }
  }

  private static Partition fromLists(int[][] lists, int[] sizes, int rows) {
    int[] order = new int[rows];
    int[] offsets = new int[lists.length + 1];
    int o = 0;
    for (int c = 0; c < lists.length; c++) {
      System.arraycopy(lists[c], 0, order, o, sizes[c]);
      o += sizes[c];
      offsets[c + 1] = o;
    }
    return new Partition(Arrays.copyOf(order, o), offsets);
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
