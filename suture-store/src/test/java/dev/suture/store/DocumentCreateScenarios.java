package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.port.DocumentStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DocumentStore.create: create-only and all or nothing (used by patch proposals). */
abstract class DocumentCreateScenarios extends VulnStoreFixture {
  static final DocumentParser PARSER = new DocumentParser(Set.of("fake"));

  static List<Document> patches(String... names) {
    List<String> docs = new java.util.ArrayList<>();
    for (String n : names)
      docs.add("apiVersion: suture.dev/v1\nkind: Patch\nmetadata: {name: " + n + "}\nspec: {kind: security, priority: high, version: '1.0'}\n");
    return PARSER.parse("t", String.join("---\n", docs));
  }

  @Test void createWritesNewDocumentsAndRefusesAnExistingNameWritingNothing() {
    store.documents().apply(patches("taken"), "tester");
    long audit = store.audit().list(0, 10_000).size();

    assertThatThrownBy(() -> store.documents().create(patches("fresh", "taken"), "tester"))
        .isInstanceOf(ConflictException.class).hasMessage("Patch 'taken' already exists");
    assertThat(store.documents().find(DocumentKind.PATCH, "fresh")).isEmpty();
    assertThat(store.audit().list(0, 10_000)).hasSize((int) audit);

    assertThat(store.documents().create(patches("fresh"), "tester")).extracting(DocumentStore.Applied::action)
        .containsExactly(DocumentStore.Action.CREATED);
    assertThat(store.documents().find(DocumentKind.PATCH, "fresh")).isPresent();
  }
}
