package dev.suture.core.doc;

/** One problem in an input document: where (file, line) and which field. */
public record ValidationError(String source, int line, String field, String message) {
  @Override public String toString() { return source + ":" + line + ": " + field + ": " + message; }
}
