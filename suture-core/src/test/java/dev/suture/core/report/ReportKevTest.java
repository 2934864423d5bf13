package dev.suture.core.report;

import static dev.suture.core.report.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.finding.FindingState;
import dev.suture.core.vuln.KevEntry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportKevTest {
  static KevEntry kev(String cve, String due) {
    return new KevEntry(cve, "v", "p", "n", LocalDate.parse("2026-11-01"), Optional.ofNullable(due).map(LocalDate::parse), true);
  }

  @Test void activeFindingsWhoseAdvisoryIdOrAliasIsInKevPerEnvironment() {
    var advisories = Map.of("DEBIAN-CVE-1", advisory("DEBIAN-CVE-1", Optional.empty(), "CVE-2026-1"),
        "CVE-2026-2", advisory("CVE-2026-2", Optional.empty()), "OTHER", advisory("OTHER", Optional.empty(), "CVE-2026-9"));
    var kev = Map.of("CVE-2026-1", kev("CVE-2026-1", "2026-12-21"), "CVE-2026-2", kev("CVE-2026-2", null));
    var findings = List.of(open("web-1", "DEBIAN-CVE-1", "1.1", hoursAgo(5)), open("db-1", "CVE-2026-2", null, hoursAgo(5)),
        open("web-2", "OTHER", "1.1", hoursAgo(5)),                                                  // not in KEV
        inState(open("web-3", "DEBIAN-CVE-1", "1.1", hoursAgo(5)), FindingState.FALSE_POSITIVE),     // not active
        open("web-4", "GONE", "1.1", hoursAgo(5)));                                                  // advisory gone
    KevExposureReport r = KevExposureReport.of(findings, advisories, kev,
        Map.of("web-1", asset("web-1", "production"), "db-1", asset("db-1", "staging")));

    assertThat(r.rows()).extracting(x -> x.environment() + ":" + x.key().asset() + ":" + x.cve())
        .containsExactly("production:web-1:CVE-2026-1", "staging:db-1:CVE-2026-2");
    assertThat(r.perEnvironment()).containsExactly(Map.entry("production", 1L), Map.entry("staging", 1L));
    ReportTable t = r.tables().get(0);
    assertThat(t.cell(0, "kevDue")).isEqualTo("2026-12-21");
    assertThat(t.cell(1, "kevDue")).isEmpty();
    assertThat(t.cell(1, "fixedVersion")).isEmpty();
    assertThat(t.cell(0, "knownRansomwareUse")).isEqualTo("true");
  }
}
