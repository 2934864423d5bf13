package dev.suture.core.risk;

import java.util.List;
import java.util.Optional;

/**
 * Port: computes the base score of a CVSS vector as OSV carries it in {@code severity[]}.
 *
 * <p>Contract (checked by {@code CvssScorerContract}):
 * <ul>
 *   <li>{@code type} is OSV's severity type. {@code CVSS_V2}, {@code CVSS_V3} (3.0 and 3.1) and
 *       {@code CVSS_V4} are scored; any other type (OSV also has e.g. {@code Ubuntu}) answers
 *       {@link Optional#empty()}: "not a CVSS vector", which is not an error.</li>
 *   <li>A CVSS type with a vector that is not a complete, valid vector of that version (unknown
 *       metric or value, a metric twice, a base metric missing, the wrong version prefix for the
 *       type) throws {@link InvalidCvssVectorException} naming the vector. Never a made-up score:
 *       a silently lenient parse would turn a typo into a wrong priority.</li>
 *   <li>The score is the base score; threat/temporal and environmental metrics are accepted in the
 *       vector but do not change it.</li>
 * </ul>
 */
public interface CvssScorer {
  List<String> TYPES = List.of("CVSS_V2", "CVSS_V3", "CVSS_V4");

  Optional<CvssScore> score(String type, String vector);
}
