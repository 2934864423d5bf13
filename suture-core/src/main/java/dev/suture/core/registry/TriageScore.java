package dev.suture.core.registry;

import dev.suture.core.model.Priority;
import java.util.ArrayList;
import java.util.List;

/**
 * A triage result that explains itself: the total, the suggested priority, each factor's
 * contribution and the thresholds it was compared with. The suggestion is advice; the Patch
 * document's priority stays the decision of record.
 */
public record TriageScore(int score, int maxScore, Priority suggested, List<Contribution> breakdown, Thresholds thresholds,
                          String reason) {
  /** Scores at or above {@code emergency} suggest EMERGENCY, at or above {@code high} HIGH, else ROUTINE. */
  public record Thresholds(int emergency, int high) {}

  public record Contribution(String factor, int value, int max, int weight, int points, String level) {}

  public static final Thresholds THRESHOLDS = new Thresholds(70, 40);

  public TriageScore { breakdown = List.copyOf(breakdown); }

  public static TriageScore of(TriageInput in) {
    List<Contribution> parts = new ArrayList<>();
    int score = 0;
    int max = 0;
    for (TriageFactor f : TriageFactor.values()) {
      int v = in.value(f);
      parts.add(new Contribution(f.field(), v, f.max(), f.weight(), f.points(v), f.describe(v)));
      score += f.points(v);
      max += f.points(f.max());
    }
    // SOP-005 names an active exploit as an Emergency by itself, whatever the other factors say.
    if (in.exploitability() == TriageFactor.EXPLOITABILITY.max())
      return new TriageScore(score, max, Priority.EMERGENCY, parts, THRESHOLDS,
          "exploitability " + in.exploitability() + " (actively exploited) is always EMERGENCY (SOP-005)");
    if (score >= THRESHOLDS.emergency())
      return new TriageScore(score, max, Priority.EMERGENCY, parts, THRESHOLDS, "score " + score + " >= " + THRESHOLDS.emergency());
    if (score >= THRESHOLDS.high())
      return new TriageScore(score, max, Priority.HIGH, parts, THRESHOLDS, "score " + score + " >= " + THRESHOLDS.high());
    return new TriageScore(score, max, Priority.ROUTINE, parts, THRESHOLDS, "score " + score + " < " + THRESHOLDS.high());
  }
}
