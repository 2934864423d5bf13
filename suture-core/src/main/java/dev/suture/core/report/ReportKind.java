package dev.suture.core.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The reports Suture computes (docs/reports.md). Whether one is windowed is part of its definition. */
public enum ReportKind {
  COVERAGE(false), MTTP(true), SLA(true), KEV(false), DRIFT(false);

  private final boolean windowed;

  ReportKind(boolean windowed) { this.windowed = windowed; }

  /** True when the report covers a time window (coverage, KEV and drift are states: they ignore it). */
  public boolean windowed() { return windowed; }

  public String wireName() { return name().toLowerCase(Locale.ROOT); }

  /** @throws IllegalArgumentException naming the accepted names */
  public static ReportKind fromWire(String s) {
    for (ReportKind k : values()) if (k.wireName().equals(s)) return k;
    throw new IllegalArgumentException("unknown report '" + s + "' (one of "
        + Arrays.stream(values()).map(ReportKind::wireName).collect(Collectors.joining(", ")) + ")");
  }
}
