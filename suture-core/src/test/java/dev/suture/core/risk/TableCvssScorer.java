package dev.suture.core.risk;

import java.util.Map;
import java.util.Optional;

/**
 * A {@link CvssScorer} for core's unit tests, which cannot depend on the library adapter
 * (suture-cvss depends on core): a fixed table of FIRST-published vectors and their base scores,
 * the same ones {@code CvssScorerContract} checks the real adapter against. A vector not in the
 * table is treated as invalid, as the real scorer treats a malformed one.
 */
final class TableCvssScorer implements CvssScorer {
  static final String V31_CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";   // 9.8
  static final String V31_HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";       // 7.5
  static final String V31_MEDIUM = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N";     // 6.1
  static final String V31_LOW = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N";        // 3.1
  static final String V4_CRITICAL = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";  // 9.3
  static final String V4_MAX = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H";       // 10.0
  static final String V4_MEDIUM = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N";    // 5.1
  static final String V2_MAX = "AV:N/AC:L/Au:N/C:C/I:C/A:C";                                            // 10.0

  private static final Map<String, CvssScore> TABLE = Map.of(
      V31_CRITICAL, CvssScore.of("3.1", V31_CRITICAL, 9.8),
      V31_HIGH, CvssScore.of("3.1", V31_HIGH, 7.5),
      V31_MEDIUM, CvssScore.of("3.1", V31_MEDIUM, 6.1),
      V31_LOW, CvssScore.of("3.1", V31_LOW, 3.1),
      V4_CRITICAL, CvssScore.of("4.0", V4_CRITICAL, 9.3),
      V4_MAX, CvssScore.of("4.0", V4_MAX, 10.0),
      V4_MEDIUM, CvssScore.of("4.0", V4_MEDIUM, 5.1),
      V2_MAX, CvssScore.of("2.0", V2_MAX, 10.0));

  @Override public Optional<CvssScore> score(String type, String vector) {
    if (!TYPES.contains(type)) return Optional.empty();
    CvssScore s = TABLE.get(vector);
    if (s == null) throw new InvalidCvssVectorException(type, vector, "not a vector this test table knows");
    return Optional.of(s);
  }
}
