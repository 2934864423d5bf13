package dev.suture.prometheus;

import dev.suture.core.model.Asset;
import dev.suture.core.port.GateScope;
import dev.suture.core.template.Template;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders the PromQL of a rollout-level check (judge, burnRate) for one group of targets.
 * {@code {{group.addresses}}} and {@code {{group.names}}} become a regex alternation, each value
 * escaped with character classes ({@code 127[.]0[.]0[.]1}) rather than backslashes, so the result
 * means the same inside a "double-quoted" and a `back-quoted` PromQL string. Values with any other
 * character than letters, digits and {@code _ - . : [ ] %} are refused: a quote in an address must
 * not be able to end the PromQL string it is put in.
 */
final class GroupTemplate {
  private GroupTemplate() {}

  /** A group's targets could not be put into a query (e.g. an address with a quote). */
  static final class BadGroupException extends Exception {
    BadGroupException(String message) { super(message); }
  }

  /**
   * {@code text} with the group variables for {@code group}, the rollout's variables, and {@code
   * extra} (e.g. {@code window}) filled in.
   */
  static String render(String text, GateScope scope, String groupName, List<Asset> group, Map<String, String> extra)
      throws BadGroupException {
    String addresses = null;
    String names = null;
    List<String> used = Template.variables(text);
    if (used.contains("group.addresses") || used.contains("group.names")) {
      if (group.isEmpty()) throw new BadGroupException("the " + groupName + " group has no target");
      addresses = alternation(group, Asset::address, groupName, "address");
      names = alternation(group, Asset::name, groupName, "name");
    }
    String a = addresses;
    String n = names;
    Function<String, Optional<String>> lookup = v -> {
      switch (v) {
        case "group.addresses": return Optional.ofNullable(a);
        case "group.names": return Optional.ofNullable(n);
        case "rollout.id": return Optional.of(scope.rolloutId());
        case "patch.id": return Optional.of(scope.patch().id());
        case "patch.version": return Optional.ofNullable(scope.patch().version());
        case "patch.title": return Optional.ofNullable(scope.patch().title());
        default: return Optional.ofNullable(extra.get(v));
      }
    };
    try {
      return Template.render(text, lookup, v -> new Template.UnknownVariableException(
          "template variable {{" + v + "}} has no value in a " + groupName + " query"));
    } catch (Template.UnknownVariableException e) {
      throw new BadGroupException(e.getMessage());
    }
  }

  private static String alternation(List<Asset> group, Function<Asset, String> field, String groupName, String what)
      throws BadGroupException {
    Set<String> out = new LinkedHashSet<>();
    for (Asset asset : group) {
      String value = field.apply(asset);
      if (value == null || value.isEmpty())
        throw new BadGroupException(groupName + " target " + asset.name() + " has no " + what);
      out.add(escape(value, asset.name(), what));
    }
    return String.join("|", out);
  }

  /** Regex-escapes with character classes; refuses anything that could leave a PromQL string. */
  static String escape(String value, String asset, String what) throws BadGroupException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':' || c == '%') {
        b.append(c);
      } else if (c == '.' || c == '[' || c == ']') {
        b.append('[').append(c).append(']');
      } else {
        throw new BadGroupException("target " + asset + "'s " + what + " '" + value + "' has the character '" + c
            + "', which Suture does not put into a PromQL regex (allowed: letters, digits and _ - . : [ ] %)");
      }
    }
    return b.toString();
  }

  /** A PromQL duration in its largest exact unit: 5m, 1h, 90s, 1500ms. */
  static String promDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}
