package dev.suture.core.doc;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.suture.core.model.Names;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YAML input holding one or more {@code suture.dev/v1} documents. All-or-nothing: either
 * every document is valid and all are returned, or an {@link InvalidDocumentException} lists every
 * problem with its line and field.
 */
public final class DocumentParser {
  public static final String API_VERSION = "suture.dev/v1";
  static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  static final Set<String> METADATA = Set.of("name", "labels", "annotations");
  private static final int MAX_INPUT_CHARS = 8 * 1024 * 1024;

  private final Set<String> executorTypes;

  /** @param executorTypes the executor adapters available here; a plan naming another is invalid. */
  public DocumentParser(Set<String> executorTypes) {
    this.executorTypes = Set.copyOf(executorTypes);
  }

  public List<Document> parse(String source, String text) {
    Errors errors = new Errors(source);
    java.util.Map<String, Integer> lines = new java.util.HashMap<>();
    if (text.length() > MAX_INPUT_CHARS) {
      errors.add(1, "", "input is larger than 8 MiB");
      throw new InvalidDocumentException(errors.list());
    }
    List<Document> docs = new ArrayList<>();
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by Node.fields with a line number instead
    options.setMaxAliasesForCollections(20);
    try {
      for (org.yaml.snakeyaml.nodes.Node root : new Yaml(options).composeAll(new StringReader(text))) {
        if (root == null) continue;
        read(new Node(root, "", errors), text, lines).ifPresent(docs::add);
      }
    } catch (MarkedYAMLException e) {
      errors.add(e.getProblemMark().getLine() + 1, "", "YAML syntax: " + e.getProblem());
    } catch (YAMLException e) {
      errors.add(1, "", "YAML: " + e.getMessage());
    }
    if (docs.isEmpty() && errors.size() == 0) errors.add(1, "", "no documents found");
    checkUnique(docs, errors, lines);
    if (errors.size() > 0) throw new InvalidDocumentException(errors.list());
    return docs;
  }

  private Optional<Document> read(Node root, String text, java.util.Map<String, Integer> lines) {
    int before = errorCount(root);
    Fields top = new Fields(root, TOP);
    top.requiredText("apiVersion").filter(v -> !v.equals(API_VERSION))
        .ifPresent(v -> top.node("apiVersion").get().error("must be " + API_VERSION));
    Optional<DocumentKind> kind = top.requiredText("kind").flatMap(k -> {
      DocumentKind dk = DocumentKind.fromYaml(k);
      if (dk == null) top.node("kind").get().error("'" + k + "' is not one of " + DocumentKind.yamlNames());
      return Optional.ofNullable(dk);
    });
    Optional<Fields> meta = top.required("metadata").map(n -> new Fields(n, METADATA));
    Optional<String> name = meta.flatMap(m -> m.requiredText("name")).filter(n -> validName(meta.get(), n));
    Optional<Node> spec = top.required("spec");
    if (kind.isEmpty() || meta.isEmpty() || name.isEmpty() || spec.isEmpty()) return Optional.empty();
    Object value = switch (kind.get()) {
      case ASSET -> AssetReader.read(name.get(), meta.get(), spec.get());
      case PATCH -> PatchReader.read(name.get(), spec.get());
      case PLAN -> new PlanReader(executorTypes).read(name.get(), spec.get());
      case MAINTENANCE_WINDOW -> MaintenanceWindowReader.read(name.get(), spec.get());
      case FREEZE -> FreezeReader.read(name.get(), spec.get());
      case NOTIFICATION_CHANNEL -> NotificationChannelReader.read(name.get(), spec.get());
    };
    if (value == null || errorCount(root) > before) return Optional.empty();
    String yaml = text.substring(charIndex(text, root.raw.getStartMark().getIndex()), charIndex(text, root.raw.getEndMark().getIndex()))
        .stripTrailing();
    lines.put(kind.get() + "/" + name.get(), meta.get().node("name").get().line());
    return Optional.of(new Document(kind.get(), name.get(), value, yaml));
  }

  private static int errorCount(Node n) { return n.errorCount(); }

  private static boolean validName(Fields meta, String name) {
    try {
      Names.require("metadata.name", name);
      return true;
    } catch (IllegalArgumentException e) {
      meta.node("name").get().error(e.getMessage().replace("metadata.name ", ""));
      return false;
    }
  }

  /** SnakeYAML marks count code points; Java strings count UTF-16 units (emoji take two). */
  private static int charIndex(String text, int codePointIndex) {
    return text.offsetByCodePoints(0, codePointIndex);
  }

  private static void checkUnique(List<Document> docs, Errors errors, java.util.Map<String, Integer> lines) {
    Set<String> seen = new HashSet<>();
    for (Document d : docs)
      if (!seen.add(d.kind() + "/" + d.name()))
        errors.add(lines.getOrDefault(d.kind() + "/" + d.name(), 1), "metadata.name", d.kind().yamlName() + " '" + d.name() + "' appears twice in this input");
  }
}
