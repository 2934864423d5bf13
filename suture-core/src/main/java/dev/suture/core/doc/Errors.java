package dev.suture.core.doc;

import java.util.ArrayList;
import java.util.List;

/** Collects validation errors for one input (file). */
final class Errors {
  private final String source;
  private final List<ValidationError> list = new ArrayList<>();

  Errors(String source) { this.source = source; }

  void add(int line, String field, String message) { list.add(new ValidationError(source, line, field, message)); }

  int size() { return list.size(); }

  List<ValidationError> list() { return list; }
}
