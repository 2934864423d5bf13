package dev.suture.bench.ssh;

import dev.suture.ssh.testing.Sshd;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What {@code fleet} wrote to {@code DIR/fleet.properties}: how to reach the fake hosts of the
 * running sshd fixture, and where their state lives. The other subcommands run in other JVMs and
 * know the fleet only through this file.
 */
record FleetInfo(Path dir, int port, String user, Path key, Path knownHosts, Path hostsRoot, Path fakepkg, long sshdPid,
                 String hostsCgroup, List<String> addresses) {
  static final String FILE = "fleet.properties";
  static final String PACKAGE = "openssl";
  static final String FROM_VERSION = "3.0.11";
  static final String TO_VERSION = "3.0.13";

  static String appConf(String address) {
    return "# app.conf of " + address + "\nlisten=8080\nworkers=4\n";
  }

  void write() throws IOException {
    Properties p = new Properties();
    p.setProperty("port", Integer.toString(port));
    p.setProperty("user", user);
    p.setProperty("key", key.toString());
    p.setProperty("knownHosts", knownHosts.toString());
    p.setProperty("hostsRoot", hostsRoot.toString());
    p.setProperty("fakepkg", fakepkg.toString());
    p.setProperty("sshdPid", Long.toString(sshdPid));
    p.setProperty("hostsCgroup", hostsCgroup);
    p.setProperty("hosts", Integer.toString(addresses.size()));
    p.setProperty("addresses", String.join(",", addresses));
    Path tmp = dir.resolve(FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "written by SshFleetBench fleet; valid while that process runs");
    }
    Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static FleetInfo read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      throw new IOException(file + " does not exist: start `SshFleetBench fleet --dir " + dir + " --hosts N` first");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    FleetInfo f = new FleetInfo(dir, Integer.parseInt(p.getProperty("port")), p.getProperty("user"), Path.of(p.getProperty("key")),
        Path.of(p.getProperty("knownHosts")), Path.of(p.getProperty("hostsRoot")), Path.of(p.getProperty("fakepkg")),
        Long.parseLong(p.getProperty("sshdPid")), p.getProperty("hostsCgroup", ""), List.of(p.getProperty("addresses").split(",")));
    if (ProcessHandle.of(f.sshdPid).map(ProcessHandle::isAlive).orElse(false)) return f;
    throw new IOException("the fleet's sshd (pid " + f.sshdPid + ") is not running: restart `SshFleetBench fleet`");
  }

  /** CPU seconds used so far by sshd and everything it started (the fake hosts' side); NaN if unknown. */
  double hostCpuSeconds() {
    return CpuGroup.at(hostsCgroup).map(CpuGroup::seconds).orElse(Double.NaN);
  }

  /** The first {@code n} hosts; fails when the fleet has fewer. */
  List<String> hosts(int n) {
    if (n < 1 || n > addresses.size()) {
      throw new IllegalArgumentException("--hosts " + n + ": the fleet has " + addresses.size() + " hosts");
    }
    return addresses.subList(0, n);
  }

  /**
   * Puts every host back where a run starts: its state dir emptied (snapshots, reboot marker,
   * anything a previous run left), then {@code pkg/openssl} at {@value #FROM_VERSION} and
   * {@code etc/app.conf}, all owned by the fixture's login user as {@link Sshd#seedHost} does.
   */
  void reseed(List<String> hosts) throws IOException {
    UserPrincipal owner = hostsRoot.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    for (String a : hosts) {
      Path d = hostsRoot.resolve(a);
      if (Files.exists(d)) deleteTree(d);
      for (Path sub : List.of(d, d.resolve("pkg"), d.resolve("etc"))) {
        Files.createDirectory(sub);
        Files.setOwner(sub, owner);
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      write(d.resolve("pkg").resolve(PACKAGE), FROM_VERSION + "\n", owner);
      write(d.resolve("etc/app.conf"), appConf(a), owner);
    }
  }

  /** Hosts whose {@code pkg/openssl} is not {@value #TO_VERSION}, as "address=version". */
  List<String> unpatched(List<String> hosts) {
    List<String> bad = new ArrayList<>();
    for (String a : hosts) {
      Path f = hostsRoot.resolve(a).resolve("pkg").resolve(PACKAGE);
      try {
        String v = Files.exists(f) ? Files.readString(f).strip() : "(none)";
        if (!TO_VERSION.equals(v)) bad.add(a + "=" + v);
      } catch (IOException e) {
        bad.add(a + "=(" + e.getMessage() + ")");
      }
    }
    return bad;
  }

  /** Hosts without a complete snapshot named {@code id} under their snapshot dir. */
  List<String> withoutSnapshot(List<String> hosts, String id) {
    List<String> bad = new ArrayList<>();
    for (String a : hosts) {
      Path s = snapshotDir(a).resolve(id);
      if (!Files.isRegularFile(s.resolve("complete")) || !Files.isRegularFile(s.resolve("root").resolve(
          hostsRoot.resolve(a).resolve("etc/app.conf").toString().substring(1)))) {
        bad.add(a);
      }
    }
    return bad;
  }

  Path snapshotDir(String address) {
    return hostsRoot.resolve(address).resolve("snapshots");
  }

  private static void write(Path file, String content, UserPrincipal owner) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setOwner(file, owner);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
