package dev.suture.core.propose;

import dev.suture.core.doc.DocumentParser;
import dev.suture.core.model.Asset;
import dev.suture.core.plan.TargetSelector;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The YAML of the Patch and the Plan a proposal turns into. The texts go through the server's
 * {@link DocumentParser} afterwards, so a problem is reported like any applied document's.
 *
 * <p>The Plan is the template's text with three edits made on the YAML node tree (not on Java
 * values: loading {@code on} or {@code 1.10} into Java and dumping it back would turn them into
 * {@code true} and {@code 1.1}): its name, two annotations, and its target selector.
 */
public final class ProposalDocuments {
  public static final String PROPOSAL_ANNOTATION = "suture.dev/proposal";
  public static final String TEMPLATE_ANNOTATION = "suture.dev/plan-template";
  public static final String ADVISORIES_ANNOTATION = "suture.dev/advisories";

  private ProposalDocuments() {}

  /**
   * A security patch to the proposal's fixed version, with its CVEs and the proposal's priority. Built
   * as YAML nodes with double-quoted scalars: dumping Java strings would write one holding a control
   * character as {@code !!binary}, which the parser would read back as its base64 text.
   */
  public static String patchYaml(Proposal p, String name) {
    MappingNode doc = block();
    put(doc, "apiVersion", scalar(DocumentParser.API_VERSION));
    put(doc, "kind", scalar("Patch"));
    MappingNode meta = block();
    put(meta, "name", scalar(name));
    MappingNode annotations = block();
    put(annotations, PROPOSAL_ANNOTATION, scalar(p.id()));
    put(annotations, ADVISORIES_ANNOTATION, scalar(String.join(" ", p.advisoryIds())));
    put(meta, "annotations", annotations);
    put(doc, "metadata", meta);
    MappingNode spec = block();
    put(spec, "title", scalar(title(p)));
    put(spec, "kind", scalar("security"));
    put(spec, "form", scalar("patch"));
    put(spec, "priority", scalar(p.priority().name().toLowerCase(Locale.ROOT)));
    put(spec, "version", scalar(p.fixedVersion()));
    List<Node> cves = new ArrayList<>();
    for (String c : p.cves()) cves.add(scalar(c));
    put(spec, "cves", new SequenceNode(Tag.SEQ, cves, DumperOptions.FlowStyle.FLOW));
    put(doc, "spec", spec);
    return serialize(doc);
  }

  private static MappingNode block() { return new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK); }

  private static String serialize(Node root) {
    DumperOptions o = new DumperOptions();
    o.setSplitLines(false);
    StringWriter out = new StringWriter();
    new Yaml(o).serialize(root, out);
    return out.toString();
  }

  /** E.g. {@code openssl 3.0.15-1~deb12u1 on production (Debian:12, 3 assets, 2 CVEs)}. */
  static String title(Proposal p) {
    int n = p.assets().size();
    return p.packageName() + " " + p.fixedVersion() + " on " + p.environment() + " (" + p.ecosystem() + ", " + n
        + (n == 1 ? " asset" : " assets") + ", " + (p.cves().isEmpty() ? p.advisoryIds().size() + " advisories"
        : p.cves().size() + (p.cves().size() == 1 ? " CVE" : " CVEs")) + ")";
  }

  /**
   * The template plan's YAML with its name, annotations and selector replaced.
   *
   * @param templateYaml the stored text of the template Plan (one document)
   * @throws IllegalArgumentException when the template's text has no spec.targets.selector to replace
   */
  public static String planYaml(Proposal p, String templateName, String templateYaml, String name, String selector) {
    LoaderOptions lo = new LoaderOptions();
    lo.setMaxAliasesForCollections(20);
    Yaml yaml = new Yaml(lo);
    Node root = yaml.compose(new StringReader(templateYaml));
    if (!(root instanceof MappingNode)) throw new IllegalArgumentException("planTemplate: '" + templateName + "' is not a YAML mapping");
    MappingNode top = (MappingNode) root;
    MappingNode meta = mapping(top, "metadata", templateName);
    put(meta, "name", scalar(name));
    MappingNode annotations = childMapping(meta, "annotations");
    put(annotations, PROPOSAL_ANNOTATION, scalar(p.id()));
    put(annotations, TEMPLATE_ANNOTATION, scalar(templateName));
    MappingNode targets = mapping(mapping(top, "spec", templateName), "targets", templateName);
    put(targets, "selector", scalar(selector));
    return serialize(root);
  }

  /**
   * The plan's selector for a proposal: the template's terms minus those on the environment and on
   * {@code name}, plus {@code environment=<env>} (under the key the template used, env or environment)
   * and, for a single asset, {@code name=<asset>}. Selector terms are ANDed, so a list of several
   * assets cannot be expressed: the plan then targets the whole environment, and the rollout's version
   * probe SKIPs the hosts already at the fixed version.
   *
   * @throws IllegalArgumentException when the environment or the asset name cannot be written in a selector
   */
  public static String selector(Proposal p, TargetSelector template) {
    String envKey = "environment";
    List<String> kept = new ArrayList<>();
    for (TargetSelector.Term t : template.terms()) {
      if (t.key().equals("env") || t.key().equals("environment")) {
        if (!t.negated()) envKey = t.key();
        continue;
      }
      if (t.key().equals("name")) continue;
      kept.add(t.key() + (t.negated() ? "!=" : "=") + t.value());
    }
    List<String> terms = new ArrayList<>();
    terms.add(envKey + "=" + selectorValue("environment", p.environment()));
    if (p.assets().size() == 1) terms.add("name=" + selectorValue("asset", p.assets().get(0)));
    terms.addAll(kept);
    String s = String.join(",", terms);
    TargetSelector.parse(s); // the same check the plan parser makes
    return s;
  }

  /** Which of the proposal's assets the selector misses, and how many other assets it selects. */
  public record Coverage(List<String> uncovered, List<String> others) {}

  public static Coverage coverage(Proposal p, String selector, Map<String, Asset> assets) {
    TargetSelector s = TargetSelector.parse(selector);
    List<String> uncovered = new ArrayList<>();
    for (String a : p.assets()) {
      Asset asset = assets.get(a);
      if (asset == null || !s.matches(asset)) uncovered.add(a);
    }
    java.util.Set<String> own = new java.util.HashSet<>(p.assets());
    List<String> others = new ArrayList<>();
    for (Asset a : assets.values()) if (!own.contains(a.name()) && s.matches(a)) others.add(a.name());
    others.sort(null);
    return new Coverage(uncovered, others);
  }

  private static String selectorValue(String what, String v) {
    if (v.isBlank() || v.contains(",") || v.contains("=") || !v.equals(v.trim()))
      throw new IllegalArgumentException(what + " '" + v + "' cannot be written in a target selector (it holds ',' or '=' "
          + "or surrounding spaces)");
    return v;
  }

  private static ScalarNode scalar(String value) {
    return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
  }

  private static MappingNode mapping(MappingNode parent, String key, String templateName) {
    Node n = get(parent, key);
    if (!(n instanceof MappingNode))
      throw new IllegalArgumentException("planTemplate: '" + templateName + "' has no mapping at " + key);
    return (MappingNode) n;
  }

  /** The child mapping {@code key}, added (block style) when missing. */
  private static MappingNode childMapping(MappingNode parent, String key) {
    Node n = get(parent, key);
    if (n instanceof MappingNode) return (MappingNode) n;
    MappingNode m = new MappingNode(Tag.MAP, new ArrayList<>(), parent.getFlowStyle());
    put(parent, key, m);
    return m;
  }

  private static Node get(MappingNode m, String key) {
    for (NodeTuple t : m.getValue())
      if (t.getKeyNode() instanceof ScalarNode && ((ScalarNode) t.getKeyNode()).getValue().equals(key)) return t.getValueNode();
    return null;
  }

  /** Replaces the value of {@code key} (every occurrence: a duplicate key is the parser's to report) or appends it. */
  private static void put(MappingNode m, String key, Node value) {
    List<NodeTuple> tuples = m.getValue();
    boolean found = false;
    for (int i = 0; i < tuples.size(); i++) {
      Node k = tuples.get(i).getKeyNode();
      if (k instanceof ScalarNode && ((ScalarNode) k).getValue().equals(key)) {
        tuples.set(i, new NodeTuple(k, value));
        found = true;
      }
    }
    if (!found) tuples.add(new NodeTuple(new ScalarNode(Tag.STR, key, null, null, DumperOptions.ScalarStyle.PLAIN), value));
  }
}
