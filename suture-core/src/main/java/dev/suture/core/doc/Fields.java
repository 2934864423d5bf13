package dev.suture.core.doc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Typed access to the fields of one YAML mapping; conversion problems are reported, not thrown. */
final class Fields {
  final Node node;
  private final Map<String, Node> fields;

  Fields(Node node, Set<String> allowed) {
    this.node = node;
    this.fields = node.fields(allowed);
  }

  boolean has(String key) { return fields.containsKey(key); }

  Optional<Node> node(String key) { return Optional.ofNullable(fields.get(key)); }

  Optional<Node> required(String key) {
    Node n = fields.get(key);
    if (n == null) node.errorAt(node.child(key), "is required");
    return Optional.ofNullable(n);
  }

  Optional<String> text(String key) {
    return node(key).map(n -> {
      String s = n.scalar();
      if (s == null) n.error("must be a string");
      return s;
    });
  }

  Optional<String> requiredText(String key) {
    Optional<String> s = text(key);
    if (!has(key)) node.errorAt(node.child(key), "is required");
    else if (s.isPresent() && s.get().isBlank()) fields.get(key).error("must not be empty");
    return s.filter(v -> !v.isBlank());
  }

  List<String> strings(String key) {
    Node n = fields.get(key);
    if (n == null) return List.of();
    List<String> out = new ArrayList<>();
    for (Node item : n.items()) {
      String s = item.scalar();
      if (s == null) item.error("must be a string");
      else out.add(s);
    }
    return out;
  }

  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    node(key).ifPresent(n -> n.fields(null).forEach((k, v) -> {
      if (v.scalar() == null) v.error("must be a string");
      else out.put(k, v.scalar());
    }));
    return out;
  }

  Optional<Duration> duration(String key) { return convert(key, Durations::parse); }

  Optional<Integer> integer(String key, int min, int max) {
    return convert(key, s -> {
      int v;
      try {
        v = Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a whole number");
      }
      if (v < min || v > max) throw new IllegalArgumentException("must be between " + min + " and " + max);
      return v;
    });
  }

  /** A finite decimal number within [min, max]. */
  Optional<Double> number(String key, double min, double max) {
    return convert(key, s -> {
      double v;
      try {
        v = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a number");
      }
      if (!Double.isFinite(v)) throw new IllegalArgumentException("'" + s + "' is not a finite number");
      if (v < min || v > max) throw new IllegalArgumentException("must be between " + plain(min) + " and " + plain(max));
      return v;
    });
  }

  private static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** true or false (YAML's yes/no/on/off are not accepted: a flag must read as what it is). */
  Optional<Boolean> bool(String key) {
    return convert(key, s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
    });
  }

  <E extends Enum<E>> Optional<E> enumValue(String key, Class<E> type) {
    return convert(key, s -> {
      try {
        return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        List<String> names = new ArrayList<>();
        for (E c : type.getEnumConstants()) names.add(c.name().toLowerCase(Locale.ROOT));
        throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", names));
      }
    });
  }

  /** Converts a scalar field; an IllegalArgumentException becomes an error on that field. */
  <T> Optional<T> convert(String key, Function<String, T> converter) {
    Node n = fields.get(key);
    if (n == null) return Optional.empty();
    String s = n.scalar();
    if (s == null) {
      n.error("must be a scalar");
      return Optional.empty();
    }
    try {
      return Optional.of(converter.apply(s));
    } catch (IllegalArgumentException e) {
      n.error(e.getMessage());
      return Optional.empty();
    }
  }
}
