package dev.suture.cvss;

import dev.suture.core.risk.CvssScore;
import dev.suture.core.risk.CvssScorer;
import dev.suture.core.risk.InvalidCvssVectorException;
import java.util.Optional;
import org.metaeffekt.core.security.cvss.v4P0.Cvss4P0;
import us.springett.cvss.Cvss;
import us.springett.cvss.MalformedVectorException;

/**
 * {@link CvssScorer} on two libraries: cvss-calculator (us.springett) for v2, v3.0 and v3.1, and
 * ae-security (org.metaeffekt) for v4.0. cvss-calculator 1.5.1 has a v4 calculator too, but its
 * "base score" of a v4 vector includes the threat metric ({@code E:U} turns 9.3 into 8.1, i.e. it
 * returns CVSS-BT); ae-security's {@code getBaseScore()} is CVSS-B, which is what the port promises.
 * Every vector passes {@link CvssGrammar} first, because neither library rejects all bad vectors.
 * Stateless and thread-safe: each call builds its own library objects.
 */
public final class LibraryCvssScorer implements CvssScorer {
  @Override public Optional<CvssScore> score(String type, String vector) {
    if (type == null || !TYPES.contains(type)) return Optional.empty();
    if (vector == null) throw new InvalidCvssVectorException(type, "null", "no vector");
    String v = vector.strip();
    String version = CvssGrammar.check(type, vector, v);
    double base = "4.0".equals(version) ? v4(type, vector, v) : v2v3(type, vector, v);
    // The libraries compute in doubles; the specifications publish one decimal.
    return Optional.of(CvssScore.of(version, v, Math.round(base * 10) / 10.0));
  }

  private static double v4(String type, String original, String v) {
    Cvss4P0 cvss = new Cvss4P0(v);
    // The grammar already required every base metric; this guards against the library disagreeing.
    if (!cvss.isBaseFullyDefined()) throw new InvalidCvssVectorException(type, original, "ae-security did not read all base metrics");
    return cvss.getBaseScore();
  }

  private static double v2v3(String type, String original, String v) {
    try {
      Cvss cvss = Cvss.fromVector(v);
      if (cvss == null) throw new InvalidCvssVectorException(type, original, "cvss-calculator did not recognise the vector");
      return cvss.calculateScore().getBaseScore();
    } catch (MalformedVectorException e) {
      throw new InvalidCvssVectorException(type, original, e.getMessage());
    }
  }
}
