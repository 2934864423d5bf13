package dev.suture.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {{variable}} placeholders inside argv elements. Each element stays one element
 * whatever the value contains, which is what keeps asset names like "web1; rm -rf /" inert:
 * nothing here ever joins argv into a command line.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
  private Template() {}

  public static List<String> render(List<String> argv, TemplateContext context) {
    List<String> out = new ArrayList<>(argv.size());
    for (String element : argv) out.add(render(element, context));
    return out;
  }

  public static String render(String text, TemplateContext context) {
    return render(text, context::lookup, name -> new UnknownVariableException(name, context));
  }

  /**
   * Renders with any lookup: checks over the rollout as a whole (judge, burnRate) have no single
   * target and fill in their own variables ({@code group.addresses}, {@code window}).
   */
  public static String render(String text, Function<String, Optional<String>> lookup,
                              Function<String, UnknownVariableException> missing) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = lookup.apply(name).orElseThrow(() -> missing.apply(name));
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Variables a template names, for validation before anything runs. */
  public static List<String> variables(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  public static boolean isKnownVariable(String name) {
    return name.equals("rollout.id") || name.equals("snapshot.id") || name.equals("patch.id") || name.equals("patch.version")
        || name.equals("patch.title") || name.equals("target.name") || name.equals("target.address")
        || name.equals("target.environment") || (name.startsWith("target.labels.") && name.length() > 14);
  }

  public static final class UnknownVariableException extends IllegalArgumentException {
    public UnknownVariableException(String name, TemplateContext ctx) {
      super("template variable {{" + name + "}} has no value for target " + ctx.target().name());
    }

    public UnknownVariableException(String message) { super(message); }
  }
}
