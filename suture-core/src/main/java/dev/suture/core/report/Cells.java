package dev.suture.core.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How numbers and times are written into report cells: plain, locale-free, empty for "no data". */
final class Cells {
  private Cells() {}

  /** 3 → "3", 0.75 → "0.75", 2/3 → "0.6667"; NaN → "" (no data is not zero). */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return "";
    return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  static String seconds(Duration d) { return number(d.toMillis() / 1000.0); }

  static String time(Instant t) { return t == null ? "" : t.toString(); }

  static String time(Optional<Instant> t) { return t.map(Instant::toString).orElse(""); }
}
