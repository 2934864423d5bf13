package dev.suture.core.port;

import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import java.util.List;
import java.util.Optional;

/** Port: assets, patches and plans as applied by users. */
public interface DocumentStore {
  enum Action { CREATED, UPDATED, UNCHANGED }

  record Applied(DocumentKind kind, String name, Action action) {}

  /** Stores all documents and their audit events in one transaction: all or nothing. */
  List<Applied> apply(List<Document> documents, String actor);

  Optional<Document> find(DocumentKind kind, String name);

  List<Document> list(DocumentKind kind);
}
