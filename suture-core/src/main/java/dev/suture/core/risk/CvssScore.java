package dev.suture.core.risk;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The base score of one CVSS vector (CVSS-B for v4: threat and environmental metrics in the vector
 * do not change it, because Suture adds its own likelihood and asset context on top).
 *
 * @param version the CVSS version the vector declares: {@code 2.0}, {@code 3.0}, {@code 3.1} or {@code 4.0}
 * @param vector the vector as given (surrounding blanks removed)
 * @param baseScore 0.0..10.0, one decimal as the specification rounds it
 * @param severity the qualitative rating of {@code baseScore} on that version's scale (see {@link #severityOf})
 */
public record CvssScore(String version, String vector, double baseScore, String severity) {
  /** Oldest to newest: a later entry is preferred when an advisory carries several vectors. */
  public static final List<String> VERSIONS = List.of("2.0", "3.0", "3.1", "4.0");

  public CvssScore {
    if (!VERSIONS.contains(version)) throw new IllegalArgumentException("version must be one of " + VERSIONS + ", was " + version);
    Objects.requireNonNull(vector, "vector");
    if (!(baseScore >= 0 && baseScore <= 10)) throw new IllegalArgumentException("baseScore must be within 0..10, was " + baseScore);
    String expected = severityOf(version, baseScore);
    if (!expected.equals(severity))
      throw new IllegalArgumentException("severity of a CVSS " + version + " score " + baseScore + " is " + expected + ", was " + severity);
  }

  /** A score with the severity its version's scale gives it. */
  public static CvssScore of(String version, String vector, double baseScore) {
    return new CvssScore(version, vector, baseScore, severityOf(version, baseScore));
  }

  /**
   * The qualitative rating. v3.x and v4.0 use the specifications' scale (None 0.0, Low 0.1-3.9,
   * Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0). CVSS v2 defines no scale; NVD's (Low 0.0-3.9,
   * Medium 4.0-6.9, High 7.0-10.0) is the one every feed uses, so it is used here.
   */
  public static String severityOf(String version, double score) {
    if ("2.0".equals(version)) return score >= 7 ? "HIGH" : score >= 4 ? "MEDIUM" : "LOW";
    if (score >= 9) return "CRITICAL";
    if (score >= 7) return "HIGH";
    if (score >= 4) return "MEDIUM";
    return score > 0 ? "LOW" : "NONE";
  }

  /** Higher is newer: the order used to pick one vector out of several. */
  public int versionRank() { return VERSIONS.indexOf(version); }

  /** E.g. {@code CVSS 3.1 9.8 CRITICAL}. */
  public String label() {
    return "CVSS " + version + " " + String.format(Locale.ROOT, "%.1f", baseScore) + " " + severity;
  }
}
