package dev.suture.core.plan;

import dev.suture.core.model.Asset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Equality selector over asset labels ("env=production,role=web"); "key!=value" excludes.
 * Every term must hold. Kept deliberately small: it is what Kubernetes users already read.
 */
public record TargetSelector(String expression, Map<String, String> equals, Map<String, String> notEquals) {
  public TargetSelector {
    equals = Map.copyOf(equals);
    notEquals = Map.copyOf(notEquals);
  }

  public static TargetSelector parse(String expression) {
    if (expression == null || expression.isBlank()) throw new IllegalArgumentException("selector is empty");
    Map<String, String> eq = new LinkedHashMap<>();
    Map<String, String> ne = new LinkedHashMap<>();
    for (String term : expression.split(",")) {
      String t = term.trim();
      int bang = t.indexOf("!=");
      int at = bang >= 0 ? bang : t.indexOf('=');
      if (at <= 0 || at == t.length() - (bang >= 0 ? 2 : 1))
        throw new IllegalArgumentException("selector term '" + t + "' is not key=value or key!=value");
      String key = t.substring(0, at).trim();
      String value = t.substring(at + (bang >= 0 ? 2 : 1)).trim();
      (bang >= 0 ? ne : eq).put(key, value);
    }
    return new TargetSelector(expression, eq, ne);
  }

  public boolean matches(Asset asset) {
    for (var e : equals.entrySet()) if (!e.getValue().equals(asset.attribute(e.getKey()))) return false;
    for (var e : notEquals.entrySet()) if (e.getValue().equals(asset.attribute(e.getKey()))) return false;
    return true;
  }
}
