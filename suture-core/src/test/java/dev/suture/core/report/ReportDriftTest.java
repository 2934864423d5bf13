package dev.suture.core.report;

import static dev.suture.core.report.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.model.Asset;
import dev.suture.core.report.DriftReport.Row;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportDriftTest {
  static final List<List<String>> ORDER = List.of(List.of("staging", "production"));

  static Map<String, Asset> assets(String... nameEnv) {
    Map<String, Asset> m = new java.util.HashMap<>();
    for (int i = 0; i + 1 < nameEnv.length; i += 2) m.put(nameEnv[i], asset(nameEnv[i], nameEnv[i + 1]));
    return m;
  }

  static List<String> lines(DriftReport r) {
    return r.rows().stream().map(x -> x.packageName() + " " + x.environment() + " " + x.version() + " x" + x.assets().size() + " "
        + x.status().wireName() + " (expected " + x.expected() + " from " + x.basis() + ")").toList();
  }

  @Test void productionIsComparedWithTheNewestVersionInStagingUsingDpkgOrderWithEpochsAndTildes() {
    Map<String, Asset> a = assets("stg-1", "staging", "stg-2", "staging", "prod-1", "production", "prod-2", "production",
        "prod-3", "production");
    DriftReport r = DriftReport.of(a, List.of(
        // "1:1.0-1" has an epoch: newer than 2.0-1 (textually smaller); "3.0.0~rc1" sorts before "3.0.0".
        inventory("stg-1", "Debian:12", "openssl", "1:1.0-1", "curl", "3.0.0", "only-staging", "1"),
        inventory("stg-2", "Debian:12", "openssl", "2.0-1", "curl", "3.0.0~rc1"),
        inventory("prod-1", "Debian:12", "openssl", "1:1.0-1", "curl", "3.0.0"),
        inventory("prod-2", "Debian:11", "openssl", "2.0-1", "curl", "3.0.0~rc1"),
        inventory("prod-3", "Debian:12", "openssl", "1:1.0-2", "curl", "3.0.0")), ORDER);

    assertThat(lines(r)).containsExactly(
        "curl staging 3.0.0 x1 current (expected 3.0.0 from staging)",
        "curl staging 3.0.0~rc1 x1 behind (expected 3.0.0 from staging)",
        "curl production 3.0.0 x2 current (expected 3.0.0 from staging)",
        "curl production 3.0.0~rc1 x1 behind (expected 3.0.0 from staging)",
        "openssl staging 1:1.0-1 x1 current (expected 1:1.0-1 from staging)",
        "openssl staging 2.0-1 x1 behind (expected 1:1.0-1 from staging)",
        "openssl production 1:1.0-2 x1 ahead (expected 1:1.0-1 from staging)",
        "openssl production 1:1.0-1 x1 current (expected 1:1.0-1 from staging)",
        "openssl production 2.0-1 x1 behind (expected 1:1.0-1 from staging)");
    assertThat(r.lagging()).containsEntry("Debian/curl", Set.of("stg-2", "prod-2")).containsEntry("Debian/openssl", Set.of("stg-2", "prod-2"));
    assertThat(r.drifting()).hasSize(5);

    ReportTable t = r.tables().get(0);
    assertThat(t.cell(1, "driftAssets")).isEqualTo("stg-2");
    assertThat(t.cell(1, "drift")).isEqualTo("true");
    assertThat(t.cell(2, "driftAssets")).isEmpty();   // current rows count their hosts but do not list them
    assertThat(t.cell(2, "hosts")).isEqualTo("2");
    assertThat(t.cell(2, "family")).isEqualTo("Debian");
  }

  @Test void withoutTheChainHeadOrOutsideAnyChainTheNewestInTheFleetIsExpected() {
    Map<String, Asset> a = assets("prod-1", "production", "dev-1", "dev", "lab-1", "lab");
    DriftReport r = DriftReport.of(a, List.of(inventory("prod-1", "Alpine:v3.20", "musl", "1.2.5-r0"),
        inventory("dev-1", "Alpine:v3.20", "musl", "1.2.4-r2"), inventory("lab-1", "Alpine:v3.19", "musl", "1.2.5-r0")), ORDER);
    assertThat(lines(r)).containsExactly(
        "musl production 1.2.5-r0 x1 current (expected 1.2.5-r0 from fleet)",
        "musl dev 1.2.4-r2 x1 behind (expected 1.2.5-r0 from fleet)",
        "musl lab 1.2.5-r0 x1 current (expected 1.2.5-r0 from fleet)");
  }

  @Test void packagesInOneEnvironmentOnlyAndAssetsWithoutADocumentAreLeftOut() {
    Map<String, Asset> a = assets("p1", "production", "p2", "production");
    DriftReport r = DriftReport.of(a, List.of(inventory("p1", "Debian:12", "bash", "5.2-1"), inventory("p2", "Debian:12", "bash", "5.1-1"),
        inventory("ghost", "Debian:12", "bash", "5.0-1")), ORDER);
    assertThat(r.rows()).isEmpty();
  }

  @Test void anUnknownSchemeOrAnInvalidVersionIsIncomparableNotDrift() {
    Map<String, Asset> a = assets("s", "staging", "p", "production");
    DriftReport r = DriftReport.of(a, List.of(inventory("s", "Go", "x", "v1.2.0", "npm-pkg", "1.0.0"),
        inventory("p", "Go", "x", "v1.1.0")), ORDER);
    assertThat(r.rows()).extracting(Row::status).containsOnly(DriftReport.Status.INCOMPARABLE);
    assertThat(r.drifting()).isEmpty();

    DriftReport bad = DriftReport.of(a, List.of(inventory("s", "npm", "left-pad", "1.3.0"), inventory("p", "npm", "left-pad", "not a version")),
        ORDER);
    assertThat(lines(bad)).containsExactly("left-pad staging 1.3.0 x1 current (expected 1.3.0 from staging)",
        "left-pad production not a version x1 incomparable (expected 1.3.0 from staging)");
  }
}
