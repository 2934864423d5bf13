package dev.suture.core.doc;

/** A parsed, valid document and the YAML text it came from (what the store keeps). */
public record Document(DocumentKind kind, String name, Object value, String yaml) {
  public <T> T as(Class<T> type) { return type.cast(value); }
}
