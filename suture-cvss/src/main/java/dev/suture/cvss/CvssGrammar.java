package dev.suture.cvss;

import dev.suture.core.risk.InvalidCvssVectorException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vector syntax of each CVSS version, checked strictly before a library scores it. Both
 * libraries are lenient where it matters: cvss-calculator takes the last of a repeated metric
 * ({@code A:H/A:L} scores as {@code A:L}); ae-security drops unknown metrics and values
 * ({@code AV:Q} scores as if AV were absent) and scores an incomplete vector 0.0. A typo in a feed
 * must be an error naming the vector, not a quietly different priority.
 *
 * <p>Per the specifications: metric names and values are case-sensitive, every base metric is
 * required, a metric may appear once, and metrics may come in any order (CVSS v3.1 specification,
 * section 6: "programs reading CVSS v3.1 vector strings must accept metrics in any order").
 * Metric tables: CVSS v2 guide section 2.4, v3.1 specification table 15 (v3.0 has the same), v4.0
 * specification table 23 (including supplemental metrics).
 */
final class CvssGrammar {
  private record Syntax(String version, String prefix, Map<String, Set<String>> metrics, List<String> base) {}

  private static final Syntax V2 = syntax("2.0", "", 6,
      "AV", "L,A,N", "AC", "H,M,L", "Au", "M,S,N", "C", "N,P,C", "I", "N,P,C", "A", "N,P,C",
      "E", "U,POC,F,H,ND", "RL", "OF,TF,W,U,ND", "RC", "UC,UR,C,ND",
      "CDP", "N,L,LM,MH,H,ND", "TD", "N,L,M,H,ND", "CR", "L,M,H,ND", "IR", "L,M,H,ND", "AR", "L,M,H,ND");
  private static final String[] V3_METRICS = {
      "AV", "N,A,L,P", "AC", "L,H", "PR", "N,L,H", "UI", "N,R", "S", "U,C", "C", "H,L,N", "I", "H,L,N", "A", "H,L,N",
      "E", "X,U,P,F,H", "RL", "X,O,T,W,U", "RC", "X,U,R,C",
      "CR", "X,L,M,H", "IR", "X,L,M,H", "AR", "X,L,M,H", "MAV", "X,N,A,L,P", "MAC", "X,L,H", "MPR", "X,N,L,H",
      "MUI", "X,N,R", "MS", "X,U,C", "MC", "X,N,L,H", "MI", "X,N,L,H", "MA", "X,N,L,H"};
  private static final Syntax V30 = syntax("3.0", "CVSS:3.0/", 8, V3_METRICS);
  private static final Syntax V31 = syntax("3.1", "CVSS:3.1/", 8, V3_METRICS);
  private static final Syntax V40 = syntax("4.0", "CVSS:4.0/", 11,
      "AV", "N,A,L,P", "AC", "L,H", "AT", "N,P", "PR", "N,L,H", "UI", "N,P,A",
      "VC", "H,L,N", "VI", "H,L,N", "VA", "H,L,N", "SC", "H,L,N", "SI", "H,L,N", "SA", "H,L,N",
      "E", "X,A,P,U",
      "CR", "X,H,M,L", "IR", "X,H,M,L", "AR", "X,H,M,L", "MAV", "X,N,A,L,P", "MAC", "X,L,H", "MAT", "X,N,P",
      "MPR", "X,N,L,H", "MUI", "X,N,P,A", "MVC", "X,H,L,N", "MVI", "X,H,L,N", "MVA", "X,H,L,N",
      "MSC", "X,H,L,N", "MSI", "X,S,H,L,N", "MSA", "X,S,H,L,N",
      "S", "X,N,P", "AU", "X,N,Y", "R", "X,A,U,I", "V", "X,D,C", "RE", "X,L,M,H", "U", "X,Clear,Green,Amber,Red");

  private CvssGrammar() {}

  /**
   * The CVSS version of {@code vector} (already stripped) under OSV severity {@code type}, or
   * {@link InvalidCvssVectorException} naming {@code original} and the first thing wrong.
   */
  static String check(String type, String original, String vector) {
    Syntax syntax = syntaxFor(type, original, vector);
    String body = vector.substring(syntax.prefix().length());
    Set<String> seen = new HashSet<>();
    String[] parts = body.split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) throw invalid(type, original, "empty metric at position " + (i + 1));
      int colon = part.indexOf(':');
      if (colon <= 0 || colon != part.lastIndexOf(':')) throw invalid(type, original, "'" + part + "' is not METRIC:VALUE");
      String metric = part.substring(0, colon);
      String value = part.substring(colon + 1);
      Set<String> allowed = syntax.metrics().get(metric);
      if (allowed == null) throw invalid(type, original, "unknown metric " + metric + " for CVSS " + syntax.version());
      if (!allowed.contains(value))
        throw invalid(type, original, "unknown value " + value + " for metric " + metric + " (allowed: " + String.join(", ", allowed) + ")");
      if (!seen.add(metric)) throw invalid(type, original, "metric " + metric + " appears twice");
    }
    List<String> missing = syntax.base().stream().filter(m -> !seen.contains(m)).toList();
    if (!missing.isEmpty()) throw invalid(type, original, "missing base metric " + String.join(", ", missing));
    return syntax.version();
  }

  private static Syntax syntaxFor(String type, String original, String vector) {
    switch (type) {
      case "CVSS_V2":
        if (vector.startsWith("CVSS:")) throw invalid(type, original, "a CVSS v2 vector has no CVSS: prefix");
        return V2;
      case "CVSS_V3":
        if (vector.startsWith(V31.prefix())) return V31;
        if (vector.startsWith(V30.prefix())) return V30;
        throw invalid(type, original, "expected the prefix CVSS:3.0/ or CVSS:3.1/");
      case "CVSS_V4":
        if (vector.startsWith(V40.prefix())) return V40;
        throw invalid(type, original, "expected the prefix CVSS:4.0/");
      default:
        throw new IllegalArgumentException("not a CVSS type: " + type);
    }
  }

  private static InvalidCvssVectorException invalid(String type, String vector, String reason) {
    return new InvalidCvssVectorException(type, vector, reason);
  }

  /** {@code pairs}: metric, comma-separated values, ...; the first {@code baseCount} metrics are the base metrics. */
  private static Syntax syntax(String version, String prefix, int baseCount, String... pairs) {
    Map<String, Set<String>> metrics = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) metrics.put(pairs[i], new java.util.LinkedHashSet<>(List.of(pairs[i + 1].split(","))));
    List<String> base = new ArrayList<>(metrics.keySet()).subList(0, baseCount);
    return new Syntax(version, prefix, Map.copyOf(metrics), List.copyOf(base));
  }
}
