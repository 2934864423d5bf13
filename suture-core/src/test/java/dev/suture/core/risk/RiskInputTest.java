package dev.suture.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.OsvRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskInputTest {
  @Test void exposureComesFromTheLabelAndDefaultsToInternal() {
    assertThat(Exposure.fromLabel(null)).isEqualTo(Exposure.INTERNAL);
    assertThat(Exposure.fromLabel(" ")).isEqualTo(Exposure.INTERNAL);
    assertThat(Exposure.fromLabel("internet")).isEqualTo(Exposure.INTERNET);
    assertThat(Exposure.fromLabel(" Internet ")).isEqualTo(Exposure.INTERNET);
    assertThat(Exposure.fromLabel("internal")).isEqualTo(Exposure.INTERNAL);
    assertThat(Exposure.fromLabel("ISOLATED")).isEqualTo(Exposure.ISOLATED);
  }

  @Test void anUnknownExposureIsAnErrorNamingTheLabel() {
    assertThatThrownBy(() -> Exposure.fromLabel("public")).isInstanceOfSatisfying(InvalidFieldsException.class,
        e -> assertThat(e.problems()).containsExactly(
            new FieldProblem("labels.exposure", "'public' is not an exposure (internet, internal, isolated)")));
  }

  @Test void ofTakesCriticalityAndExposureFromTheAssetAndTheClockFromTheFinding() {
    Instant firstSeen = Instant.parse("2026-03-02T10:00:00Z");
    Asset asset = new Asset("web-1", "production", "10.0.0.1", List.of(), Map.of("exposure", "internet"), Criticality.CRITICAL);
    List<Advisory.Severity> severities = List.of(new Advisory.Severity("CVSS_V3", TableCvssScorer.V31_HIGH));
    Advisory advisory = new Advisory(new OsvRecord("DSA-1", firstSeen, List.of("CVE-2014-0160"), Optional.empty(), List.of()),
        "heartbleed", Optional.empty(), severities, "{}");
    Finding finding = Finding.open(new FindingKey("web-1", "DSA-1", "openssl"), "Debian:12", "1.0", Optional.empty(), firstSeen);
    RiskInput in = RiskInput.of(advisory, asset, finding, Optional.empty(), Optional.empty());
    assertThat(in).isEqualTo(new RiskInput(severities, Optional.empty(), Optional.empty(), Criticality.CRITICAL, Exposure.INTERNET, firstSeen));
    Asset unlabelled = new Asset("db-1", "production", "", List.of(), Map.of(), null);
    assertThat(RiskInput.of(advisory, unlabelled, finding, Optional.empty(), Optional.empty()))
        .extracting(RiskInput::exposure, RiskInput::criticality).containsExactly(Exposure.INTERNAL, Criticality.MEDIUM);
  }
}
