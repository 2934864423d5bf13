package dev.suture.core.vuln;

import static dev.suture.core.vuln.AdvisoryIndexTest.debian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.vuln.FleetMatcher.Finding;
import dev.suture.core.vuln.FleetMatcher.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FleetMatcherTest {
  static InstalledPackage src(String name, String source, String version, String sourceVersion) {
    return new InstalledPackage(name, source, version, sourceVersion, "amd64");
  }

  static InstalledPackage pkg(String name, String version) { return src(name, name, version, version); }

  /** "host package version advisory" lines, sorted: compares results independently of order. */
  static Set<String> lines(Map<String, List<Finding>> byHost) {
    Set<String> out = new TreeSet<>();
    byHost.values().forEach(fs -> fs.forEach(f -> out.add(line(f))));
    return out;
  }

  static String line(Finding f) { return f.host() + " " + f.packageName() + " " + f.version() + " " + f.advisoryId(); }

  @Test
  void distinctTuplesAreEvaluatedOnce() {
    AdvisoryIndex index = new AdvisoryIndex();
    index.add(debian("DSA-1", "2024-01-01T00:00:00Z", "Debian:12", "curl", "7.88.1-10+deb12u6"));
    index.add(debian("DSA-2", "2024-01-01T00:00:00Z", "Debian:12", "curl", "7.88.1-10+deb12u1"));
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < 5; i++) hosts.add(new Host("h" + i, "Debian:12", List.of(pkg("curl", "7.88.1-10+deb12u5"))));
    hosts.add(new Host("h5", "Debian:12", List.of(pkg("curl", "7.88.1-10+deb12u6"))));
    FleetMatcher m = new FleetMatcher(index, hosts);
    assertThat(m.distinctTuples()).isEqualTo(2);
    assertThat(m.installedRows()).isEqualTo(6);

    Map<String, List<Finding>> found = m.matchAll();

    // 2 distinct tuples x 2 candidate advisories, not 6 rows x 2
    assertThat(m.evaluations()).isEqualTo(4);
    assertThat(found).containsOnlyKeys("h0", "h1", "h2", "h3", "h4");
    Finding f = found.get("h0").get(0);
    assertThat(f.advisoryId()).isEqualTo("DSA-1");
    assertThat(f.fixed()).contains("7.88.1-10+deb12u6");
    assertThat(f.reason()).contains("before fixed 7.88.1-10+deb12u6");
    assertThat(lines(found)).hasSize(5);
  }

  @Test
  void releaseSpecificAdvisoryAppliesOnlyToThatRelease() {
    AdvisoryIndex index = new AdvisoryIndex();
    index.add(debian("DSA-12", "2024-01-01T00:00:00Z", "Debian:12", "openssl", "3.0.13-1~deb12u1"));
    InstalledPackage old = pkg("openssl", "3.0.11-1~deb12u2");
    FleetMatcher m = new FleetMatcher(index, List.of(
        new Host("bookworm", "Debian:12", List.of(old)),
        new Host("bullseye", "Debian:11", List.of(old)),
        new Host("alpine", "Alpine:v3.20", List.of(pkg("openssl", "3.0.11-r0")))));

    assertThat(lines(m.matchAll())).containsExactly("bookworm openssl 3.0.11-1~deb12u2 DSA-12");
  }

  @Test
  void debianRowsAreMatchedBySourcePackage() {
    AdvisoryIndex index = new AdvisoryIndex();
    index.add(OsvFixtures.record("debian-releases.json")); // curl, fixed 7.88.1-10+deb12u6 for Debian:12
    FleetMatcher m = new FleetMatcher(index, List.of(
        new Host("a", "Debian:12", List.of(
            src("libcurl4", "curl", "7.88.1-10+deb12u5", "7.88.1-10+deb12u5"),
            src("curl", "curl", "7.88.1-10+deb12u5", "7.88.1-10+deb12u5"))),
        // a binNMU: binary version differs from the source version, the source version decides
        new Host("b", "Debian:12", List.of(src("libcurl4", "curl", "7.88.1-10+deb12u6+b1", "7.88.1-10+deb12u6"))),
        // no source recorded: the binary name is used, and "libcurl4" is not what the advisory names
        new Host("c", "Debian:12", List.of(src("libcurl4", "", "7.88.1-10+deb12u5", "")))));

    Map<String, List<Finding>> found = m.matchAll();
    assertThat(lines(found)).containsExactly(
        "a curl 7.88.1-10+deb12u5 DLA-demo-0008", "a libcurl4 7.88.1-10+deb12u5 DLA-demo-0008");
    assertThat(m.distinctTuples()).isEqualTo(3);
  }

  @Test
  void incrementalAdvisoryEqualsFullRematch() {
    AdvisoryIndex index = new AdvisoryIndex();
    index.add(debian("DSA-1", "2024-01-01T00:00:00Z", "Debian:12", "curl", "7.88.1-10+deb12u2"));
    List<Host> hosts = List.of(
        new Host("a", "Debian:12", List.of(pkg("curl", "7.88.1-10+deb12u1"), pkg("bash", "5.2.15-2"))),
        new Host("b", "Debian:12", List.of(pkg("curl", "7.88.1-10+deb12u5"), pkg("bash", "5.2.15-2+b2"))),
        new Host("c", "Debian:11", List.of(pkg("curl", "7.74.0-1.3+deb11u7"), pkg("bash", "5.1-2"))),
        new Host("d", "Debian:12", List.of(pkg("curl", "7.88.1-10+deb12u6"), pkg("bash", "5.2.15-2"))));
    FleetMatcher m = new FleetMatcher(index, hosts);
    m.matchAll();

    List<OsvRecord> changes = List.of(
        debian("DSA-2", "2024-02-01T00:00:00Z", "Debian:12", "curl", "7.88.1-10+deb12u6"), // new
        debian("DSA-3", "2024-02-01T00:00:00Z", "Debian", "bash", "5.2.15-2+b1"), // new, every release
        debian("DSA-1", "2024-03-01T00:00:00Z", "Debian:12", "curl", "7.88.1-10+deb12u5")); // changed
    for (OsvRecord change : changes) {
      long before = m.evaluations();
      FleetMatcher.AdvisoryMatch inc = m.matchAdvisory(change);
      // only the distinct tuples of the package the advisory names: curl has 4, bash 3 (a and d share one)
      assertThat(m.evaluations() - before).as(change.id()).isEqualTo(change.id().equals("DSA-3") ? 3 : 4);
      Set<String> full = new TreeSet<>();
      lines(new FleetMatcher(index, hosts).matchAll()).stream().filter(l -> l.endsWith(" " + change.id())).forEach(full::add);
      Set<String> incremental = new TreeSet<>();
      inc.findings().forEach(f -> incremental.add(line(f)));
      assertThat(incremental).as(change.id()).isEqualTo(full).isNotEmpty();
    }
    assertThat(m.matchAdvisory(changes.get(0)).hosts()).containsExactlyInAnyOrder("a", "b");
    assertThat(m.matchAdvisory(changes.get(1)).hosts()).containsExactlyInAnyOrder("a", "c", "d");
  }

  @Test
  void withdrawnAdvisoryYieldsNothing() {
    AdvisoryIndex index = new AdvisoryIndex();
    OsvRecord live = OsvRecord.parse("""
        {"id": "GHSA-demo-0009", "modified": "2024-05-01T00:00:00Z", "affected": [{
         "package": {"ecosystem": "npm", "name": "left-pad"},
         "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
        """);
    FleetMatcher m = new FleetMatcher(index, List.of(new Host("web", "npm", List.of(pkg("left-pad", "1.3.0")))));
    assertThat(m.matchAdvisory(live).hosts()).containsExactly("web");

    FleetMatcher.AdvisoryMatch withdrawn = m.matchAdvisory(OsvFixtures.record("withdrawn.json"));
    assertThat(withdrawn.findings()).isEmpty();
    assertThat(m.matchAll()).isEmpty();
  }

  @Test
  void badHostsAreRejectedByName() {
    AdvisoryIndex index = new AdvisoryIndex();
    assertThatThrownBy(() -> new FleetMatcher(index, List.of(new Host("x", " ", List.of()))))
        .hasMessage("host x: ecosystem is blank");
    assertThatThrownBy(() -> new FleetMatcher(index, List.of(new Host("x", "Debian:12", List.of()),
        new Host("x", "Debian:12", List.of())))).hasMessage("host x: listed twice");
  }
}
