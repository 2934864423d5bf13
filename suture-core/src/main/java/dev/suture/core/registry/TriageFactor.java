package dev.suture.core.registry;

import java.util.List;

/**
 * The severity factors of curriculum module 2 ("weigh exploitability, data exposure, and affected
 * user segments") plus the asset's criticality, each on a small ordinal scale whose levels are
 * written out so triage meetings score the same way. Weights make the total 0..100 with
 * exploitability the heaviest: an exploitable hole matters more than a big but safe one.
 */
public enum TriageFactor {
  EXPLOITABILITY("exploitability", 10, List.of(
      "no known exploit path",
      "theoretical, or needs local privileged access",
      "proof of concept exists, or needs authenticated access",
      "public exploit, reachable remotely",
      "actively exploited in the wild (e.g. listed in CISA KEV)")),
  DATA_EXPOSURE("dataExposure", 8, List.of(
      "no data exposed",
      "internal, non-sensitive data",
      "confidential or personal data",
      "regulated data or credentials (data breach risk)")),
  AFFECTED_USERS("affectedUsers", 7, List.of(
      "no users (internal tooling only)",
      "one segment, tenant or region",
      "a major share of users",
      "all users")),
  ASSET_CRITICALITY("assetCriticality", 5, List.of(
      "low (Criticality LOW)",
      "medium (Criticality MEDIUM)",
      "high (Criticality HIGH)",
      "critical (Criticality CRITICAL)"));

  private final String field;
  private final int weight;
  private final List<String> levels;

  TriageFactor(String field, int weight, List<String> levels) {
    this.field = field;
    this.weight = weight;
    this.levels = levels;
  }

  /** The request/response field name. */
  public String field() { return field; }

  public int weight() { return weight; }

  /** Highest level: the scale is 0..max. */
  public int max() { return levels.size() - 1; }

  public List<String> levels() { return levels; }

  public String describe(int level) { return levels.get(level); }

  public int points(int level) { return level * weight; }
}
