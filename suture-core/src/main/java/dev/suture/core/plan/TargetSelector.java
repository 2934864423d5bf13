package dev.suture.core.plan;

import dev.suture.core.model.Asset;
import java.util.ArrayList;
import java.util.List;

/**
 * Equality selector over asset labels ("env=production,role=web"); "key!=value" excludes.
 * Every term must hold, including several terms on the same key. Kept deliberately small: it is
 * what Kubernetes users already read.
 */
public record TargetSelector(String expression, List<Term> terms) {
  public TargetSelector {
    terms = List.copyOf(terms);
  }

  /** One {@code key=value} or {@code key!=value} term. */
  public record Term(String key, String value, boolean negated) {
    boolean holds(Asset asset) { return value.equals(asset.attribute(key)) != negated; }
  }

  public static TargetSelector parse(String expression) {
    if (expression == null || expression.isBlank()) throw new IllegalArgumentException("selector is empty");
    List<Term> terms = new ArrayList<>();
    for (String term : expression.split(",")) {
      String t = term.trim();
      int bang = t.indexOf("!=");
      int at = bang >= 0 ? bang : t.indexOf('=');
      if (at <= 0 || at == t.length() - (bang >= 0 ? 2 : 1))
        throw new IllegalArgumentException("selector term '" + t + "' is not key=value or key!=value");
      terms.add(new Term(t.substring(0, at).trim(), t.substring(at + (bang >= 0 ? 2 : 1)).trim(), bang >= 0));
    }
    return new TargetSelector(expression, terms);
  }

  public boolean matches(Asset asset) {
    for (Term t : terms) if (!t.holds(asset)) return false;
    return true;
  }
}
