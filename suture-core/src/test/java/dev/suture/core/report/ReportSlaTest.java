package dev.suture.core.report;

import static dev.suture.core.report.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.model.Priority;
import dev.suture.core.report.SlaBreachReport.Status;
import dev.suture.core.risk.RiskScore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportSlaTest {
  @Test void breachedAtRiskAndRemediatedLateFollowTheRiskDueDate() {
    // Spans of 100 h from first seen: at risk once 25 h or less is left.
    Finding breached = open("a", "A", "1.1", hoursAgo(101));
    Finding atRiskEdge = open("b", "A", "1.1", hoursAgo(75));        // 25 h left of 100: at risk (boundary)
    Finding notYet = open("c", "A", "1.1", hoursAgo(74));            // 26 h left: fine
    Finding accepted = inState(open("d", "A", "1.1", hoursAgo(200)), FindingState.ACCEPTED_RISK); // not active
    Finding late = remediated("e", "A", hoursAgo(200), Optional.empty(), hoursAgo(50));   // due 100 h ago... remediated 50 h ago
    Finding onTime = remediated("f", "A", hoursAgo(200), Optional.empty(), hoursAgo(150));
    Finding lateOutside = remediated("g", "A", hoursAgo(2000), Optional.empty(), NOW.minus(Duration.ofDays(31)));
    Finding noRisk = open("h", "GONE", "1.1", hoursAgo(500));
    List<Finding> fs = List.of(breached, atRiskEdge, notYet, accepted, late, onTime, lateOutside, noRisk);
    Map<FindingKey, RiskScore> risks = new HashMap<>();
    for (Finding f : fs)
      if (f != noRisk) risks.put(f.key(), risk(f == breached ? Priority.EMERGENCY : Priority.HIGH, f.firstSeen().plus(Duration.ofHours(100))));
    SlaBreachReport r = SlaBreachReport.of(NOW, WINDOW, 0.25, fs, risks, Map.of("a", asset("a", "production")));

    assertThat(r.rows()).extracting(x -> x.status() + ":" + x.key().asset())
        .containsExactly("BREACHED:a", "AT_RISK:b", "REMEDIATED_LATE:e");
    assertThat(r.remediatedOnTime()).isEqualTo(1);
    assertThat(r.count(Status.BREACHED)).isEqualTo(1);

    ReportTable t = r.tables().get(0);
    assertThat(t.cell(0, "status")).isEqualTo("breached");
    assertThat(t.cell(0, "environment")).isEqualTo("production");
    assertThat(t.cell(0, "overdueSeconds")).isEqualTo("3600");
    assertThat(t.cell(1, "remainingSeconds")).isEqualTo(String.valueOf(25 * 3600));
    assertThat(t.cell(1, "overdueSeconds")).isEmpty();
    assertThat(t.cell(2, "overdueSeconds")).isEqualTo(String.valueOf(50 * 3600));
    ReportTable s = r.tables().get(1);
    assertThat(s.rows()).containsExactly(List.of("all", "1", "1", "1"), List.of("emergency", "1", "0", "0"),
        List.of("high", "0", "1", "1"), List.of("routine", "0", "0", "0"));
  }

  @Test void aFindingExactlyAtItsDueDateIsAtRiskNotBreached() {
    Finding f = open("a", "A", "1.1", hoursAgo(10));
    SlaBreachReport r = SlaBreachReport.of(NOW, WINDOW, 0.25, List.of(f), Map.of(f.key(), risk(Priority.HIGH, NOW)), Map.of());
    assertThat(r.rows()).extracting(SlaBreachReport.Row::status).containsExactly(Status.AT_RISK);
  }
}
