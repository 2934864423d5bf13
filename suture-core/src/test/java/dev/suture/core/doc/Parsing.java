package dev.suture.core.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Set;

/** Shared helpers: parse an input that must fail and look at its validation errors. */
final class Parsing {
  static final DocumentParser PARSER = new DocumentParser(Set.of("command"));

  private Parsing() {}

  static List<ValidationError> errorsOf(String yaml) {
    try {
      PARSER.parse("plans.yaml", yaml);
    } catch (InvalidDocumentException e) {
      assertThat(e.errors()).isNotEmpty();
      return e.errors();
    }
    return fail("expected the input to be rejected:%n%s", yaml);
  }

  /** The input has exactly one problem, at this line and field, and the message says so in these words. */
  static ValidationError onlyError(String yaml, int line, String field, String... words) {
    List<ValidationError> errors = errorsOf(yaml);
    assertThat(errors).as("errors of%n%s", yaml).hasSize(1);
    return hasError(errors, line, field, words);
  }

  /** Among the errors is one at this line and field whose message contains these words. */
  static ValidationError hasError(List<ValidationError> errors, int line, String field, String... words) {
    return errors.stream()
        .filter(e -> e.line() == line && e.field().equals(field))
        .filter(e -> List.of(words).stream().allMatch(e.message()::contains))
        .findFirst()
        .orElseGet(() -> fail("no error at line %d, field %s mentioning %s; got:%n%s", line, field, List.of(words),
            String.join("\n", errors.stream().map(ValidationError::toString).toList())));
  }
}
