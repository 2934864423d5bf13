package dev.suture.core.doc;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: 500ms, 30s, 15m, 2h, 1h30m. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) throw new IllegalArgumentException("duration is empty");
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    try {
      while (m.find() && m.start() == at) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
        at = m.end();
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
    if (at != s.length()) throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 15m or 1h30m");
    return total;
  }

  public static String format(Duration d) {
    if (d.isZero()) return "0s";
    if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
    long s = d.getSeconds();
    StringBuilder sb = new StringBuilder();
    if (s >= 3600) { sb.append(s / 3600).append('h'); s %= 3600; }
    if (s >= 60) { sb.append(s / 60).append('m'); s %= 60; }
    if (s > 0) sb.append(s).append('s');
    return sb.toString();
  }
}
