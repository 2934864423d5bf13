package dev.suture.core.report;

import static dev.suture.core.report.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.model.Priority;
import dev.suture.core.report.MttpReport.Scope;
import dev.suture.core.report.MttpReport.Start;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.vuln.Advisory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportMttpTest {
  static final double H = 3600;

  @Test void theClockStartsAtPublishedThenFixAvailableThenFirstSeenAndEachRowSaysWhich() {
    Map<String, Advisory> adv = Map.of("PUB", advisory("PUB", Optional.of(hoursAgo(100))), "NOPUB", advisory("NOPUB", Optional.empty()));
    List<Finding> fs = List.of(
        remediated("a", "PUB", hoursAgo(50), Optional.of(hoursAgo(40)), hoursAgo(10)),     // 90 h from published
        remediated("b", "NOPUB", hoursAgo(50), Optional.of(hoursAgo(40)), hoursAgo(10)),   // 30 h from fix available
        remediated("c", "NOPUB", hoursAgo(50), Optional.empty(), hoursAgo(10)),            // 40 h from first seen
        remediated("d", "GONE", hoursAgo(20), Optional.empty(), hoursAgo(10)));            // advisory gone: first seen, unknown
    Map<FindingKey, RiskScore> risks = new HashMap<>();
    for (Finding f : fs.subList(0, 3)) risks.put(f.key(), risk(Priority.HIGH, NOW));
    MttpReport r = MttpReport.of(NOW, WINDOW, fs, adv, risks, Map.of("a", asset("a", "production"), "b", asset("b", "staging"),
        "c", asset("c", "production")));

    assertThat(r.rows()).extracting(x -> x.key().asset() + ":" + x.startBasis() + ":" + x.timeToPatch().toHours())
        .containsExactly("a:PUBLISHED:90", "b:FIX_AVAILABLE:30", "c:FIRST_SEEN:40", "d:FIRST_SEEN:10");
    assertThat(r.stats(Scope.PRIORITY, "high")).isEqualTo(new DurationStats(3, 160 * H / 3, 40 * H, 90 * H, 90 * H));
    assertThat(r.stats(Scope.PRIORITY, "unknown").count()).isEqualTo(1);
    assertThat(r.stats(Scope.PRIORITY, "emergency")).isEqualTo(DurationStats.EMPTY);
    assertThat(r.stats(Scope.ENVIRONMENT, "production").mean()).isEqualTo(65 * H);
    assertThat(r.stats(Scope.ENVIRONMENT, "unknown").count()).isEqualTo(1);
    assertThat(r.stats(Scope.ALL, "all").median()).isEqualTo(35 * H);   // even count: mean of 30 h and 40 h

    ReportTable findings = r.tables().get(1);
    assertThat(findings.name()).isEqualTo("mttp-findings");
    assertThat(findings.cell(0, "startBasis")).isEqualTo("published");
    assertThat(findings.cell(1, "startBasis")).isEqualTo("fixAvailableSince");
    assertThat(findings.cell(2, "startBasis")).isEqualTo("firstSeen");
    assertThat(findings.cell(0, "seconds")).isEqualTo(String.valueOf(90 * 3600));
    ReportTable summary = r.tables().get(0);
    assertThat(summary.rows()).extracting(x -> x.get(0) + "/" + x.get(1))
        .containsExactly("all/all", "priority/emergency", "priority/high", "priority/routine", "priority/unknown",
            "environment/production", "environment/staging", "environment/unknown");
    assertThat(summary.cell(1, "meanSeconds")).isEmpty();
    assertThat(summary.cell(1, "count")).isEqualTo("0");
  }

  @Test void theWindowIsOpenAtItsStartAndClosedAtNow() {
    Duration w = Duration.ofHours(10);
    List<Finding> fs = List.of(
        remediated("edge-start", "X", hoursAgo(20), Optional.empty(), hoursAgo(10)),          // exactly now − window: out
        remediated("inside", "X", hoursAgo(20), Optional.empty(), hoursAgo(10).plusMillis(1)),
        remediated("edge-now", "X", hoursAgo(20), Optional.empty(), NOW),                     // exactly now: in
        remediated("future", "X", hoursAgo(20), Optional.empty(), NOW.plusMillis(1)),
        open("open", "X", "1.1", hoursAgo(20)));
    MttpReport r = MttpReport.of(NOW, w, fs, Map.of(), Map.of(), Map.of());
    assertThat(r.rows()).extracting(x -> x.key().asset()).containsExactly("inside", "edge-now");
  }

  @Test void aFixDeployedBeforeTheAdvisoryWasPublishedTookNoTime() {
    MttpReport r = MttpReport.of(NOW, WINDOW, List.of(remediated("a", "P", hoursAgo(50), Optional.empty(), hoursAgo(10))),
        Map.of("P", advisory("P", Optional.of(hoursAgo(5)))), Map.of(), Map.of());
    assertThat(r.rows().get(0).timeToPatch()).isZero();
    assertThat(r.rows().get(0).startBasis()).isEqualTo(Start.PUBLISHED);
  }

  @Test void p90IsTheNearestRankAndEmptyIsNoData() {
    List<Double> ten = List.of(10.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
    assertThat(DurationStats.of(ten)).isEqualTo(new DurationStats(10, 5.5, 5.5, 9.0, 10.0));
    assertThat(DurationStats.of(List.of(7.0)).p90()).isEqualTo(7.0);
    assertThat(DurationStats.of(List.of()).mean()).isNaN();
  }
}
