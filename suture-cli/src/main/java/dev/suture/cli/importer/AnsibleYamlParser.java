package dev.suture.cli.importer;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Ansible YAML inventories: {all: {hosts: {NAME: {VARS}}, vars: {...}, children: {GROUP: {...}}}}.
 * Read as a node tree (no object construction) so errors carry line numbers and scalars stay as written.
 */
public final class AnsibleYamlParser {

    private AnsibleYamlParser() {
    }

    public static Inventory parse(String file, String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new InventoryException(file, line, "invalid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new InventoryException(file, 0, "invalid YAML: " + e.getMessage());
        }
        AnsibleModel model = new AnsibleModel(file);
        if (root == null) {
            return model.resolve();
        }
        MappingNode groups = mapping(file, root, "the inventory");
        for (NodeTuple entry : groups.getValue()) {
            String name = scalar(file, entry.getKeyNode(), "group name");
            group(model, file, name, entry.getValueNode(), 0);
        }
        return model.resolve();
    }

    private static void group(AnsibleModel model, String file, String name, Node body, int depth) {
        if (depth > 64) {
            throw new InventoryException(file, line(body), "groups nested too deeply (recursive alias?)");
        }
        model.group(name);
        if (isNull(body)) {
            return;
        }
        for (NodeTuple entry : mapping(file, body, "group " + name).getValue()) {
            String key = scalar(file, entry.getKeyNode(), "key");
            Node value = entry.getValueNode();
            switch (key) {
                case "hosts" -> {
                    if (isNull(value)) {
                        break;
                    }
                    for (NodeTuple host : mapping(file, value, "hosts of group " + name).getValue()) {
                        String hostName = scalar(file, host.getKeyNode(), "host name");
                        int line = line(host.getKeyNode());
                        Map<String, String> vars = isNull(host.getValueNode()) ? Map.of()
                                : vars(model, file, host.getValueNode(), "vars of host " + hostName);
                        for (String expanded : AnsibleIniParser.expand(file, line, hostName)) {
                            model.addHost(name, expanded, line, vars);
                        }
                    }
                }
                case "vars" -> {
                    if (!isNull(value)) {
                        model.group(name).vars.putAll(vars(model, file, value, "vars of group " + name));
                    }
                }
                case "children" -> {
                    if (isNull(value)) {
                        break;
                    }
                    for (NodeTuple child : mapping(file, value, "children of group " + name).getValue()) {
                        String childName = scalar(file, child.getKeyNode(), "group name");
                        if (childName.equals(name)) {
                            throw new InventoryException(file, line(child.getKeyNode()),
                                    "group " + name + " cannot be its own child");
                        }
                        model.group(name).children.add(childName);
                        group(model, file, childName, child.getValueNode(), depth + 1);
                    }
                }
                default -> throw new InventoryException(file, line(entry.getKeyNode()), "group " + name
                        + ": unexpected key " + key + " (expected hosts, vars or children)");
            }
        }
    }

    private static Map<String, String> vars(AnsibleModel model, String file, Node node, String what) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (NodeTuple entry : mapping(file, node, what).getValue()) {
            String key = scalar(file, entry.getKeyNode(), "var name");
            Node value = entry.getValueNode();
            if (value instanceof ScalarNode scalar) {
                vars.put(key, scalar.getValue());
            } else {
                model.warn(line(value), "skipping var " + key + ": only plain values become labels");
            }
        }
        return vars;
    }

    private static MappingNode mapping(String file, Node node, String what) {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw new InventoryException(file, line(node), what + " must be a mapping");
    }

    private static String scalar(String file, Node node, String what) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new InventoryException(file, line(node), what + " must be a plain value");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && node.getTag().getValue().endsWith(":null");
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
