package dev.suture.core.change;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a requester submits. It does not change after submission: approvers approve exactly this
 * patch, plan and set of environments.
 */
public record ChangeDraft(ChangeType type, String patchId, String planName, String requester, String title, String justification,
                          SortedSet<String> environments, String freezeOverride) {
  public ChangeDraft {
    if (type == null) throw new InvalidChangeException("type", "is required (standard, normal or emergency)");
    patchId = InvalidChangeException.requireText("patch", patchId);
    planName = InvalidChangeException.requireText("plan", planName);
    requester = InvalidChangeException.requireText("requester", requester);
    title = InvalidChangeException.requireText("title", title);
    justification = justification == null || justification.isBlank() ? null : justification.strip();
    if (type == ChangeType.EMERGENCY && justification == null)
      throw new InvalidChangeException("justification", "an emergency change needs a written justification");
    freezeOverride = freezeOverride == null || freezeOverride.isBlank() ? null : freezeOverride.strip();
    if (freezeOverride != null && type != ChangeType.EMERGENCY)
      throw new InvalidChangeException("freezeOverride", "only an emergency change may override a freeze");
    Objects.requireNonNull(environments, "environments");
    TreeSet<String> envs = new TreeSet<>();
    for (String e : environments) envs.add(InvalidChangeException.requireText("environments", e));
    if (envs.isEmpty()) throw new InvalidChangeException("environments", "at least one environment is required");
    environments = java.util.Collections.unmodifiableSortedSet(envs);
  }

  public static ChangeDraft of(ChangeType type, String patchId, String planName, String requester, String title, String justification,
                               Set<String> environments, String freezeOverride) {
    return new ChangeDraft(type, patchId, planName, requester, title, justification,
        environments == null ? new TreeSet<>() : new TreeSet<>(environments), freezeOverride);
  }
}
