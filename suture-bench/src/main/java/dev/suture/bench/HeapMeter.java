package dev.suture.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap over a run: the sum of each heap pool's peak usage since the last reset. The pools
 * peak at different moments, so the sum is an upper bound of the true peak (never below it).
 */
final class HeapMeter {
  private HeapMeter() {}

  /** Collects first so the peak starts from what is actually live, then resets every heap pool. */
  static void reset() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
  }

  static long peakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
    return sum;
  }

  static long usedBytes() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
