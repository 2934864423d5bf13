package dev.suture.core.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields the curriculum makes mandatory before a patch leaves DRAFT (module 2: "mandatory
 * fields for patch justification, affected versions, and regression risk assessment"). A draft
 * may hold them partially; {@link #missing()} says which are still needed.
 */
public record PatchFields(String justification, List<String> affectedVersions, RegressionRisk regressionRisk) {
  public static final PatchFields EMPTY = new PatchFields(null, List.of(), null);

  public PatchFields {
    justification = justification == null ? null : justification.strip();
    affectedVersions = affectedVersions == null ? List.of()
        : affectedVersions.stream().map(v -> v == null ? "" : v.strip()).toList();
  }

  /** Overlays the non-null parts of {@code update} (a partial edit of a draft). */
  public PatchFields merge(PatchFields update) {
    if (update == null) return this;
    return new PatchFields(update.justification != null ? update.justification : justification,
        update.affectedVersions.isEmpty() ? affectedVersions : update.affectedVersions,
        update.regressionRisk != null ? update.regressionRisk : regressionRisk);
  }

  /** True when nothing at all is set: a transition that carries no edits. */
  public boolean isEmpty() { return justification == null && affectedVersions.isEmpty() && regressionRisk == null; }

  public List<FieldProblem> missing() {
    List<FieldProblem> out = new ArrayList<>();
    if (justification == null || justification.isEmpty())
      out.add(new FieldProblem("justification", "is required: why this patch is needed"));
    if (affectedVersions.isEmpty()) out.add(new FieldProblem("affectedVersions", "is required: at least one affected version"));
    for (int i = 0; i < affectedVersions.size(); i++)
      if (affectedVersions.get(i).isEmpty()) out.add(new FieldProblem("affectedVersions[" + i + "]", "is blank"));
    if (regressionRisk == null) out.add(new FieldProblem("regressionRisk.level", "is required: low, medium or high"));
    else if (regressionRisk.notes().isEmpty())
      out.add(new FieldProblem("regressionRisk.notes", "is required: what could regress and how it was assessed"));
    return out;
  }
}
