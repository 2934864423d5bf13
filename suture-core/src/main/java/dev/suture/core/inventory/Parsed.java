package dev.suture.core.inventory;

import java.util.List;

/**
 * What a parser made of a text: the rows it could read and the lines it could not. Both lists are
 * immutable; a caller decides whether problems make the whole inventory suspect.
 */
public record Parsed<T>(List<T> rows, List<LineProblem> problems) {
  public Parsed {
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
  }
}
