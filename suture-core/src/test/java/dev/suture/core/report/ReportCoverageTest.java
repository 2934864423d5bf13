package dev.suture.core.report;

import static dev.suture.core.report.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingState;
import dev.suture.core.report.CoverageReport.Row;
import dev.suture.core.report.CoverageReport.Scope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportCoverageTest {
  @Test void coveredMeansAssessedWithNoActiveFindingThatHasAFix() {
    List<dev.suture.core.model.Asset> assets = List.of(asset("web-1", "production", "web"), asset("web-2", "production", "web"),
        asset("web-3", "production", "web", "edge"), asset("db-1", "staging", "db"), asset("db-2", "staging", "db"),
        asset("new-1", "production"));
    List<Finding> fs = List.of(
        open("web-1", "A", "1.1", hoursAgo(5)),                                                   // fixable: missing the patch
        inState(open("web-1", "B", "1.1", hoursAgo(5)), FindingState.PATCH_PLANNED),
        open("web-2", "C", null, hoursAgo(5)),                                                    // no fix yet: covered, noFixOnly
        inState(open("web-3", "A", "1.1", hoursAgo(5)), FindingState.ACCEPTED_RISK),              // not active: covered
        inState(open("db-1", "A", "1.1", hoursAgo(5)), FindingState.PATCH_PLANNED),               // planned is still active
        open("db-2", "A", "1.1", hoursAgo(5)),                                                    // no inventory: unknown
        open("ghost", "A", "1.1", hoursAgo(5)));                                                  // no asset document: ignored
    CoverageReport r = CoverageReport.of(assets, Set.of("web-1", "web-2", "web-3", "db-1", "ghost"), fs);

    assertThat(r.total()).isEqualTo(new Row(Scope.ALL, "all", 6, 2, 4, 2, 2, 1));
    assertThat(r.total().ratio()).isEqualTo(0.5);
    assertThat(r.by(Scope.ENVIRONMENT).get("production")).isEqualTo(new Row(Scope.ENVIRONMENT, "production", 4, 1, 3, 2, 1, 1));
    assertThat(r.by(Scope.ENVIRONMENT).get("staging")).isEqualTo(new Row(Scope.ENVIRONMENT, "staging", 2, 1, 1, 0, 1, 0));
    assertThat(r.by(Scope.GROUP).get("web").covered()).isEqualTo(2);
    assertThat(r.by(Scope.GROUP).get("edge")).isEqualTo(new Row(Scope.GROUP, "edge", 1, 0, 1, 1, 0, 0));
    assertThat(r.by(Scope.GROUP).get("db").ratio()).isZero();
    assertThat(r.by(Scope.GROUP)).doesNotContainKey("");

    ReportTable t = r.tables().get(0);
    assertThat(t.columns()).containsExactly("scope", "name", "assets", "withoutInventory", "assessed", "covered", "missingPatch",
        "noFixOnly", "coverageRatio");
    assertThat(t.rows().get(0)).containsExactly("all", "all", "6", "2", "4", "2", "2", "1", "0.5");
    assertThat(t.rows()).extracting(x -> x.get(0) + "/" + x.get(1))
        .containsExactly("all/all", "environment/production", "environment/staging", "group/db", "group/edge", "group/web");
  }

  @Test void anAssetWithoutInventoryIsNeverCoveredEvenWithNoFindingsAndNothingAssessedIsNoData() {
    CoverageReport r = CoverageReport.of(List.of(asset("a", "production")), Set.of(), List.of());
    assertThat(r.total().covered()).isZero();
    assertThat(r.total().withoutInventory()).isEqualTo(1);
    assertThat(r.total().ratio()).isNaN();
    assertThat(r.tables().get(0).cell(0, "coverageRatio")).isEmpty();
  }

  @Test void anAssetInTwoGroupsCountsInEachButOnceInTotal() {
    CoverageReport r = CoverageReport.of(List.of(asset("a", "production", "x", "y", "x")), Set.of("a"), List.of());
    assertThat(r.total().assets()).isEqualTo(1);
    assertThat(r.by(Scope.GROUP).get("x").assets()).isEqualTo(1);
    assertThat(r.by(Scope.GROUP).get("y").covered()).isEqualTo(1);
  }
}
