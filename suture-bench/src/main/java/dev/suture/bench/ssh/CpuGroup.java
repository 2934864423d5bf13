package dev.suture.bench.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A cgroup (v1 {@code cpuacct} hierarchy) that counts the CPU time of every process in it,
 * including processes that detach or are orphaned. That is what per-process accounting misses
 * here: sshd's privilege-separation monitor exits without waiting for the session process, so the
 * commands a session ran never reach the listener's {@code cutime}; and ssh ControlPersist
 * masters detach from ansible-playbook. A process joins with {@link #join}; its later children
 * are in the group from their fork on.
 *
 * <p>Only a new child group of the cpuacct root is created, for the benchmark's own processes;
 * nothing else on the machine is moved. Where there is no writable cpuacct hierarchy the figures
 * read as unknown (NaN).
 */
record CpuGroup(Path dir) {
  static final Path CPUACCT = Path.of("/sys/fs/cgroup/cpuacct");

  /** Creates (or reuses) {@code /sys/fs/cgroup/cpuacct/NAME}; empty when that is not possible. */
  static Optional<CpuGroup> create(String name) {
    Path dir = CPUACCT.resolve(name);
    try {
      if (!Files.isRegularFile(CPUACCT.resolve("cpuacct.usage"))) return Optional.empty();
      if (!Files.isDirectory(dir)) Files.createDirectory(dir);
      return Optional.of(new CpuGroup(dir));
    } catch (IOException e) {
      System.err.println("warning: cannot create cgroup " + dir + " (" + e + "): CPU of detached processes is not counted");
      return Optional.empty();
    }
  }

  static Optional<CpuGroup> at(String path) {
    if (path == null || path.isBlank()) return Optional.empty();
    Path dir = Path.of(path);
    return Files.isRegularFile(dir.resolve("cpuacct.usage")) ? Optional.of(new CpuGroup(dir)) : Optional.empty();
  }

  /** Moves the process (all its threads) into the group. */
  void join(long pid) throws IOException {
    Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
  }

  /** CPU seconds (user + system) used by every process that has been in the group. */
  double seconds() {
    try {
      return Long.parseLong(Files.readString(dir.resolve("cpuacct.usage")).trim()) / 1e9;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Removes the group; it must be empty (processes that ended leave it by themselves). */
  void remove() {
    for (int i = 0; i < 50; i++) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (IOException busy) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    System.err.println("warning: could not remove cgroup " + dir + " (still has processes)");
  }
}
