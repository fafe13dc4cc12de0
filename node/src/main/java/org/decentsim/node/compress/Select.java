package org.decentsim.node.compress;

/** Selection without allocation. */
final class Select {
  private Select() {}

  /**
   * The k-th largest of {@code a[0, n)} (k = 1 is the maximum); reorders {@code a}. Iterative
   * quickselect with a median-of-three pivot: deterministic, expected linear time. No NaNs.
   */
  static double kthLargest(double[] a, int n, int k) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k = " + k + " out of [1, " + n + "]");
    }
    int target = k - 1; // position in descending order
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      double pivot = median(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] > pivot) {
          i++;
        }
        while (a[j] < pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      // now a[lo..j] >= pivot, a[i..hi] <= pivot, a[j+1..i-1] == pivot
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return pivot;
      }
    }
    return a[target];
  }

  private static double median(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
