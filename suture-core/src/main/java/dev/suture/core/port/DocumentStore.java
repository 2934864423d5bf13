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

  /**
   * Like {@link #apply}, but only creates: when any of the documents already exists nothing is written
   * and a {@link dev.suture.core.engine.ConflictException} names it. Adapters override this to check
   * inside their transaction; this default checks first and is only as good as a check-then-write.
   */
  default List<Applied> create(List<Document> documents, String actor) {
    for (Document d : documents)
      if (find(d.kind(), d.name()).isPresent())
        throw new dev.suture.core.engine.ConflictException(d.kind().yamlName() + " '" + d.name() + "' already exists");
    return apply(documents, actor);
  }

  Optional<Document> find(DocumentKind kind, String name);

  List<Document> list(DocumentKind kind);
}
