package dev.suture.core.incident;

import dev.suture.core.registry.FieldProblem;
import java.util.List;
import java.util.stream.Collectors;

/** Closing refused: the post-mortem is missing or not complete (HTTP 409, listing what is missing). */
public final class IncompletePostmortemException extends IllegalStateException {
  private final transient List<FieldProblem> problems;

  public IncompletePostmortemException(String incidentId, List<FieldProblem> problems) {
    super("incident " + incidentId + " cannot close until its post-mortem is complete: "
        + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() { return problems; }
}
