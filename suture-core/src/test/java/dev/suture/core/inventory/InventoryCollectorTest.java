package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.suture.core.model.Asset;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import dev.suture.core.testing.ManualClock;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The collector against real child processes: this machine's own os-release and dpkg database, and
 * for other hosts the same scripts with the fixed commands replaced by {@code cat} of canned outputs
 * of the real commands (so framing, gzip and base64 still run for real).
 */
class InventoryCollectorTest {
  private static final Duration T = Duration.ofSeconds(30);
  private final ManualClock clock = ManualClock.startingAt("2026-12-01T10:00:00Z");
  private final ExecutorService blocking = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    blocking.shutdownNow();
  }

  static Asset asset(String name) {
    return new Asset(name, "staging", "127.0.0.1", List.of(), Map.of(), null);
  }

  static Path fixture(String name) {
    try {
      return Path.of(InventoryCollectorTest.class.getResource("/inventory/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the fixed command {@code from} inside the sh -c script by {@code to}. */
  static UnaryOperator<List<String>> replace(String from, String to) {
    return argv -> {
      List<String> out = new ArrayList<>(argv);
      out.set(2, out.get(2).replace(from, to));
      return out;
    };
  }

  static UnaryOperator<List<String>> both(UnaryOperator<List<String>> a, UnaryOperator<List<String>> b) {
    return argv -> b.apply(a.apply(argv));
  }

  /** A host whose os-release is the fixture {@code osRelease} and whose {@code command} prints the fixture {@code listing}. */
  static UnaryOperator<List<String>> host(String osRelease, String command, String listing) {
    return both(replace(OsRelease.COMMAND, "cat " + fixture("os-release/" + osRelease)),
        replace(command, "cat " + fixture(listing)));
  }

  private CollectionResult collect(TargetExecutor executor, Duration timeout) throws Exception {
    return new InventoryCollector(executor, blocking, clock, timeout, 4).collect(asset("web-1"), Map.of())
        .get(60, TimeUnit.SECONDS);
  }

  private CollectionResult collect(UnaryOperator<List<String>> rewrite) throws Exception {
    return collect(new LocalProcessExecutor(64 * 1024, rewrite), T);
  }

  private static String local(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  private static void assumeDebian12() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "no dpkg-query on this machine");
    OsRelease os = OsRelease.parse(Files.readString(Path.of("/etc/os-release")));
    assumeTrue(os.osvEcosystem().orElse("").equals("Debian:12"), "this machine is not Debian 12");
  }

  @Test
  void collectsThisMachinesRealDpkgInventory() throws Exception {
    assumeDebian12();
    CollectionResult r = collect(new LocalProcessExecutor(), T);

    assertThat(r.failure()).isEmpty();
    InventorySnapshot s = r.snapshot().orElseThrow();
    assertThat(s.asset()).isEqualTo("web-1");
    assertThat(s.source()).isEqualTo("local:dpkg");
    assertThat(s.osName()).startsWith("Debian GNU/Linux 12");
    assertThat(s.collectedAt()).isEqualTo(clock.instant());
    assertThat(s.problems()).isEmpty();
    assertThat(s.packageSets()).singleElement().satisfies(set -> assertThat(set.ecosystem()).isEqualTo("Debian:12"));
    List<InstalledPackage> packages = s.packageSets().get(0).packages();
    assertThat(packages).hasSizeGreaterThan(100);
    String bashVersion = local("dpkg-query", "-W", "-f=${Version}", "bash");
    assertThat(packages).filteredOn(p -> p.name().equals("bash")).singleElement()
        .satisfies(p -> {
          assertThat(p.version()).isEqualTo(bashVersion);
          assertThat(p.sourceName()).isEqualTo("bash");
        });
    // Exactly what the parser reads from dpkg-query run directly, without a shell: nothing lost on the way.
    String direct = local("dpkg-query", "-W", "-f=${binary:Package}\t${source:Package}\t${Version}\t${source:Version}"
        + "\t${Architecture}\t${db:Status-Abbrev}\n");
    assertThat(packages).isEqualTo(new DpkgQueryParser().parse(direct).rows());
  }

  @Test
  void anRpmHostIsReadWithRpmAndItsProblemLinesAreKept() throws Exception {
    CollectionResult r = collect(host("rocky-9", RpmQueryParser.COMMAND, "rpm-qa-rocky9.txt"));

    InventorySnapshot s = r.snapshot().orElseThrow(() -> new AssertionError(r.failure()));
    Parsed<InstalledPackage> expected = new RpmQueryParser().parse(Files.readString(fixture("rpm-qa-rocky9.txt")));
    assertThat(s.source()).isEqualTo("local:rpm");
    assertThat(s.osName()).startsWith("Rocky Linux 9");
    assertThat(s.packageSets()).singleElement().satisfies(set -> {
      assertThat(set.ecosystem()).isEqualTo("Rocky Linux:9");
      assertThat(set.packages()).isEqualTo(expected.rows());
    });
    assertThat(expected.problems()).isNotEmpty();
    assertThat(s.problems()).isEqualTo(expected.problems());
  }

  @Test
  void anAlpineHostIsReadFromItsApkDatabase() throws Exception {
    CollectionResult r = collect(host("alpine-3.20", ApkParser.COMMAND, "apk-installed-alpine320.txt"));

    InventorySnapshot s = r.snapshot().orElseThrow(() -> new AssertionError(r.failure()));
    Parsed<InstalledPackage> expected = new ApkParser().parse(Files.readString(fixture("apk-installed-alpine320.txt")));
    assertThat(s.source()).isEqualTo("local:apk");
    assertThat(s.packageSets().get(0).ecosystem()).isEqualTo("Alpine:v3.20");
    assertThat(s.packageSets().get(0).packages()).isEqualTo(expected.rows());
    assertThat(s.problems()).isEqualTo(expected.problems());
  }

  @Test
  void osReleaseProblemsAreKeptAndSayWhichFileTheyAreIn(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path os = tmp.resolve("os-release");
    Files.writeString(os, "ID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\nthis is not an assignment\n");
    CollectionResult r = collect(both(replace(OsRelease.COMMAND, "cat " + os),
        replace(ApkParser.COMMAND, "cat " + fixture("apk-installed-alpine320.txt"))));

    InventorySnapshot s = r.snapshot().orElseThrow(() -> new AssertionError(r.failure()));
    assertThat(s.osName()).isEqualTo("Linux"); // PRETTY_NAME was unreadable: os-release(5)'s default
    assertThat(s.problems()).filteredOn(p -> p.reason().startsWith("os-release: "))
        .extracting(LineProblem::line).containsExactly(3, 4);
  }

  @Test
  void anUnknownOsFailsWithoutListingAnything(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path os = tmp.resolve("os-release");
    Files.writeString(os, "ID=plan9\nID_LIKE=\"research-unix\"\nPRETTY_NAME=\"Plan 9\"\n");
    LocalProcessExecutor ex = new LocalProcessExecutor(64 * 1024, replace(OsRelease.COMMAND, "cat " + os));
    CollectionResult r = collect(ex, T);

    assertThat(r.ok()).isFalse();
    assertThat(r.failure()).contains("web-1: unknown OS: os-release ID 'plan9' (ID_LIKE 'research-unix') names no package "
        + "manager Suture reads (dpkg, rpm, apk)");
    assertThat(ex.ran).hasSize(1);
  }

  @Test
  void aDerivativeIsReadLikeItsParentButRefusedForWantOfAnEcosystem() throws Exception {
    LocalProcessExecutor ex = new LocalProcessExecutor(64 * 1024,
        replace(OsRelease.COMMAND, "cat " + fixture("os-release/linuxmint-21.3")));
    CollectionResult r = collect(ex, T);

    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f)
        .startsWith("web-1: no OSV ecosystem for Linux Mint 21.3 (ID 'linuxmint', VERSION_ID '21.3')"));
    assertThat(ex.ran).as("no listing when nothing could be matched").hasSize(1);
    assertThat(PackageManager.of(OsRelease.parse(Files.readString(fixture("os-release/linuxmint-21.3")))))
        .contains(PackageManager.DPKG);
  }

  @Test
  void debianSidHasNoReleaseAndSoNoEcosystem() throws Exception {
    CollectionResult r = collect(replace(OsRelease.COMMAND, "cat " + fixture("os-release/debian-sid")));
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("web-1: no OSV ecosystem for Debian GNU/Linux"));
  }

  @Test
  void aMissingOsReleaseFailsWithTheCommandsError() throws Exception {
    CollectionResult r = collect(replace(OsRelease.COMMAND, "cat /nonexistent/os-release"));
    assertThat(r.failure()).contains("web-1: reading os-release: exit 1: cat: /nonexistent/os-release: No such file or directory");
    assertThat(r.finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aFailingPackageCommandReportsItsExitStatusAndError() throws Exception {
    CollectionResult r = collect(both(replace(OsRelease.COMMAND, "cat " + fixture("os-release/rocky-9")),
        replace(RpmQueryParser.COMMAND, "cat /nonexistent/rpmdb")));
    assertThat(r.failure()).contains("web-1: listing rpm packages: exit 1: cat: /nonexistent/rpmdb: No such file or directory");
  }

  @Test
  void aMissingPackageManagerIsNamed() throws Exception {
    CollectionResult r = collect(both(replace(OsRelease.COMMAND, "cat " + fixture("os-release/rocky-9")),
        replace(RpmQueryParser.COMMAND, "/nonexistent/bin/rpm -qa")));
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f)
        .startsWith("web-1: listing rpm packages: exit 127: ").contains("/nonexistent/bin/rpm").contains("not found"));
  }

  @Test
  void anEmptyListingIsAFailureNotAnEmptyInventory() throws Exception {
    CollectionResult r = collect(host("alpine-3.20", ApkParser.COMMAND, "os-release/malformed"));
    // malformed os-release text is no apk database either: every line is a problem, no package.
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("web-1: listing apk packages: no package could be read ("));

    CollectionResult none = collect(both(replace(OsRelease.COMMAND, "cat " + fixture("os-release/debian-12")),
        replace(DpkgQueryParser.COMMAND, "true")));
    assertThat(none.failure()).contains("web-1: listing dpkg packages: no package could be read (the package manager listed none)");
  }

  @Test
  void aHungCommandIsKilledAtTheTimeoutAndReported() throws Exception {
    LocalProcessExecutor ex = new LocalProcessExecutor(64 * 1024, both(
        replace(OsRelease.COMMAND, "cat " + fixture("os-release/debian-12")), replace(DpkgQueryParser.COMMAND, "sleep 37")));
    long t0 = System.nanoTime();
    CollectionResult r = collect(ex, Duration.ofSeconds(1));

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("web-1: listing dpkg packages: timed out after"));
    assertThat(ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("sleep 37"))).as("the hung command is gone").isEmpty();
  }

  @Test
  void aListingLargerThanTheExecutorKeepsIsAFailureNotAShorterInventory() throws Exception {
    assumeDebian12();
    CollectionResult r = collect(new LocalProcessExecutor(2 * 1024, argv -> argv), T);
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f)
        .startsWith("web-1: listing dpkg packages: the listing is larger than the output the executor keeps"));
  }

  @Test
  void withoutGzipTheFailureShowsWhatTheShellSaid() throws Exception {
    CollectionResult r = collect(both(host("rocky-9", RpmQueryParser.COMMAND, "rpm-qa-rocky9.txt"),
        replace("gzip -c", "/nonexistent/gzip -c")));
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f)
        .startsWith("web-1: listing rpm packages: the listing is not base64 (are gzip and base64 installed?): ")
        .contains("/nonexistent/gzip").contains("not found"));
  }

  @Test
  void anExecutorThatRefusesTheAssetIsAFailureNotAnException() throws Exception {
    TargetExecutor refusing = new TargetExecutor() {
      @Override public String type() { return "ssh"; }

      @Override public ActionResult run(ActionRequest request, Consumer<ProcessRef> started) {
        throw new IllegalArgumentException("executor.options.credentials is required for ssh");
      }
    };
    CollectionResult r = collect(refusing, T);
    assertThat(r.failure()).contains("web-1: reading os-release: executor.options.credentials is required for ssh");
  }

  @Test
  void theCommandsAreFixedShellScriptsAndTheTimeoutIsPassedOn() throws Exception {
    ManualExecutor ex = new ManualExecutor();
    var f = new InventoryCollector(ex, blocking, clock, Duration.ofSeconds(7), 4)
        .collect(asset("web-$(reboot)"), Map.of("user", "ops"));
    ActionRequest first = ex.get(0).request();
    assertThat(first.argv()).containsExactly("sh", "-c", OsRelease.COMMAND);
    assertThat(first.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(first.options()).isEqualTo(Map.of("user", "ops"));
    assertThat(first.key().rolloutId()).isEqualTo(InventoryCollector.ACTION_SCOPE);
    ex.get(0).finish(Files.readString(fixture("os-release/debian-12")));
    assertThat(ex.get(1).request().argv()).containsExactly("sh", "-c", PackageListing.script(DpkgQueryParser.COMMAND));
    assertThat(String.join(" ", ex.get(1).request().argv())).doesNotContain("reboot");
    f.cancel(true);
    assertThat(ex.get(1).future()).isCancelled();
  }
}
