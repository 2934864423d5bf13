package dev.suture.core.report;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The reports Suture computes (docs/reports.md). Whether one is windowed is part of its definition.
 *
 * <p>The findings' SLA report is {@code finding-sla} on the wire: {@code GET /api/v1/reports/sla} was
 * already the patch registry's SLA report (docs/governance.md) and keeps that meaning.
 */
public enum ReportKind {
  COVERAGE("coverage", false), MTTP("mttp", true), SLA("finding-sla", true), KEV("kev", false), DRIFT("drift", false);

  private final String wire;
  private final boolean windowed;

  ReportKind(String wire, boolean windowed) {
    this.wire = wire;
    this.windowed = windowed;
  }

  /** True when the report covers a time window (coverage, KEV and drift are states: they ignore it). */
  public boolean windowed() { return windowed; }

  public String wireName() { return wire; }

  /** @throws IllegalArgumentException naming the accepted names */
  public static ReportKind fromWire(String s) {
    for (ReportKind k : values()) if (k.wireName().equals(s)) return k;
    throw new IllegalArgumentException("unknown report '" + s + "' (one of "
        + Arrays.stream(values()).map(ReportKind::wireName).collect(Collectors.joining(", ")) + ")");
  }
}
