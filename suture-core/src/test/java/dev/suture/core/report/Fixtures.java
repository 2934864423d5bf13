package dev.suture.core.report;

import dev.suture.core.finding.Finding;
import dev.suture.core.finding.FindingKey;
import dev.suture.core.finding.FindingState;
import dev.suture.core.finding.RiskException;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Priority;
import dev.suture.core.risk.RiskScore;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.OsvRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders for the report tests; {@code NOW} is the fixed "now". */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final Duration WINDOW = Duration.ofDays(30);

  private Fixtures() {}

  static Instant hoursAgo(long h) { return NOW.minus(Duration.ofHours(h)); }

  static Asset asset(String name, String env, String... groups) {
    return new Asset(name, env, "", List.of(groups), Map.of(), null);
  }

  static Finding open(String asset, String advisory, String fixed, Instant firstSeen) {
    Optional<String> fix = Optional.ofNullable(fixed);
    return new Finding(new FindingKey(asset, advisory, "openssl"), "Debian:12", "1.0", fix, FindingState.OPEN, firstSeen,
        fix.map(f -> firstSeen), Optional.empty(), Optional.empty(), 1);
  }

  static Finding inState(Finding f, FindingState s) {
    Optional<RiskException> e = s == FindingState.ACCEPTED_RISK ? Optional.of(new RiskException("bob", "ok", NOW.plusSeconds(3600)))
        : Optional.empty();
    return new Finding(f.key(), f.ecosystem(), f.installedVersion(), f.fixedVersion(), s, f.firstSeen(), f.fixAvailableSince(),
        f.remediatedAt(), e, f.version());
  }

  static Finding remediated(String asset, String advisory, Instant firstSeen, Optional<Instant> fixSince, Instant at) {
    return new Finding(new FindingKey(asset, advisory, "openssl"), "Debian:12", "1.0", Optional.of("1.1"), FindingState.REMEDIATED,
        firstSeen, fixSince, Optional.of(at), Optional.empty(), 2);
  }

  static Advisory advisory(String id, Optional<Instant> published, String... aliases) {
    return new Advisory(new OsvRecord(id, NOW.minus(Duration.ofDays(400)), List.of(aliases), Optional.empty(), List.of()), "s", published,
        List.of(), "{}");
  }

  static RiskScore risk(Priority p, Instant due) { return new RiskScore(50, p, due, List.of(), ""); }

  /** A snapshot of one package set: name/version pairs. */
  static InventorySnapshot inventory(String asset, String ecosystem, String... nameVersion) {
    List<InstalledPackage> ps = new ArrayList<>();
    for (int i = 0; i + 1 < nameVersion.length; i += 2)
      ps.add(new InstalledPackage(nameVersion[i], nameVersion[i], nameVersion[i + 1], nameVersion[i + 1], "amd64"));
    return new InventorySnapshot(asset, NOW, "test", "", List.of(new PackageSet(ecosystem, ps)), List.of());
  }
}
