package dev.suture.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Something that gets patched. Labels drive plan selectors; address is how checks reach it. */
public record Asset(String name, String environment, String address, List<String> groups,
                    Map<String, String> labels, Criticality criticality) {
  public Asset {
    Names.require("metadata.name", name);
    Objects.requireNonNull(environment, "environment");
    address = address == null ? "" : address;
    groups = List.copyOf(groups == null ? List.of() : groups);
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    criticality = criticality == null ? Criticality.MEDIUM : criticality;
  }

  /** Labels plus the implicit ones a selector may use: name, environment (also "env" when unset). */
  public String attribute(String key) {
    String v = labels.get(key);
    if (v != null) return v;
    return switch (key) {
      case "name" -> name;
      case "environment", "env" -> environment;
      case "address" -> address;
      case "criticality" -> criticality.name().toLowerCase();
      default -> null;
    };
  }
}
