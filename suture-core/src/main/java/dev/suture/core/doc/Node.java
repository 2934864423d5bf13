package dev.suture.core.doc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its path ("spec.stages[2].wave") and line, and an error sink. Readers ask it
 * for typed children; every problem becomes a ValidationError naming line and field, and reading
 * goes on so one pass reports all problems.
 */
final class Node {
  final org.yaml.snakeyaml.nodes.Node raw;
  final String path;
  private final Errors errors;

  Node(org.yaml.snakeyaml.nodes.Node raw, String path, Errors errors) {
    this.raw = raw;
    this.path = path;
    this.errors = errors;
  }

  Errors errorsSink() { return errors; }

  int errorCount() { return errors.size(); }

  int line() { return raw.getStartMark().getLine() + 1; }

  String child(String key) { return path.isEmpty() ? key : path + "." + key; }

  void error(String message) { errors.add(line(), path, message); }

  void errorAt(String field, String message) { errors.add(line(), field, message); }

  boolean isMap() { return raw instanceof MappingNode; }
  boolean isList() { return raw instanceof SequenceNode; }
  boolean isScalar() { return raw instanceof ScalarNode; }

  String scalar() { return isScalar() ? ((ScalarNode) raw).getValue() : null; }

  /** Children of a mapping, in order; reports non-scalar keys, duplicates and keys not in {@code allowed}. */
  Map<String, Node> fields(Set<String> allowed) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (!(raw instanceof MappingNode m)) {
      error("must be a mapping");
      return out;
    }
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        errors.add(t.getKeyNode().getStartMark().getLine() + 1, path, "keys must be plain strings");
        continue;
      }
      String key = k.getValue();
      Node value = new Node(t.getValueNode(), child(key), errors);
      if (allowed != null && !allowed.contains(key)) {
        errors.add(k.getStartMark().getLine() + 1, child(key), "unknown field (allowed: " + String.join(", ", sorted(allowed)) + ")");
      } else if (out.put(key, value) != null) {
        errors.add(k.getStartMark().getLine() + 1, child(key), "duplicate field");
      }
    }
    return out;
  }

  List<Node> items() {
    List<Node> out = new ArrayList<>();
    if (!(raw instanceof SequenceNode s)) {
      error("must be a list");
      return out;
    }
    for (int i = 0; i < s.getValue().size(); i++) out.add(new Node(s.getValue().get(i), path + "[" + i + "]", errors));
    return out;
  }

  private static List<String> sorted(Set<String> s) { return s.stream().sorted().toList(); }
}
