package dev.suture.core.inventory;

import java.util.List;

/**
 * What a parser made of a text: the rows it could read and the lines it could not, in line order
 * (a parser may find field-count problems in one pass and field problems in another). Both lists
 * are immutable; a caller decides whether problems make the whole inventory suspect.
 */
public record Parsed<T>(List<T> rows, List<LineProblem> problems) {
  public Parsed {
    rows = List.copyOf(rows);
    problems = problems.stream().sorted(java.util.Comparator.comparingInt(LineProblem::line)).toList();
  }
}
