package dev.suture.core.registry;

import java.util.List;
import java.util.stream.Collectors;

/** Bad or missing fields, all of them at once so the author fixes them in one pass (HTTP 400). */
public final class InvalidFieldsException extends IllegalArgumentException {
  private final transient List<FieldProblem> problems;

  public InvalidFieldsException(List<FieldProblem> problems) {
    super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    if (problems.isEmpty()) throw new IllegalArgumentException("an InvalidFieldsException needs at least one problem");
    this.problems = List.copyOf(problems);
  }

  public static InvalidFieldsException of(String field, String message) {
    return new InvalidFieldsException(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() { return problems; }

  /** Throws when {@code problems} is non-empty. */
  public static void throwIfAny(List<FieldProblem> problems) {
    if (!problems.isEmpty()) throw new InvalidFieldsException(problems);
  }
}
