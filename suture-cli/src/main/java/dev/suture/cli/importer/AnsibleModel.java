package dev.suture.cli.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Groups, their hosts, vars and children as an Ansible inventory declares them (INI or YAML), resolved into
 * hosts: a host belongs to its groups and to every ancestor of them; vars apply all, then groups from the
 * outermost to the innermost, then the host's own.
 */
final class AnsibleModel {

    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    /** Connection secrets are never sent to the server as labels. */
    private static final Pattern SECRET = Pattern.compile("ansible_(ssh_|become_|sudo_|su_)?pass(word)?"
            + "|ansible_ssh_private_key_passphrase|.*(password|passwd|secret|token).*");

    static final class Group {
        final String name;
        final Map<String, String> vars = new LinkedHashMap<>();
        final Set<String> children = new LinkedHashSet<>();
        final Set<String> hosts = new LinkedHashSet<>();

        Group(String name) {
            this.name = name;
        }
    }

    private final String file;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Integer> hostLines = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> hostVars = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    AnsibleModel(String file) {
        this.file = file;
        group(ALL);
    }

    Group group(String name) {
        return groups.computeIfAbsent(name, Group::new);
    }

    void addHost(String group, String host, int line, Map<String, String> vars) {
        hostLines.putIfAbsent(host, line);
        group(group).hosts.add(host);
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars);
    }

    void warn(int line, String message) {
        warnings.add(file + ":" + line + ": warning: " + message);
    }

    Inventory resolve() {
        Map<String, Set<String>> parents = new HashMap<>();
        for (Group group : groups.values()) {
            for (String child : group.children) {
                parents.computeIfAbsent(child, c -> new LinkedHashSet<>()).add(group.name);
            }
        }
        Map<String, Integer> depth = new HashMap<>();
        for (String name : groups.keySet()) {
            depth(name, parents, depth, new HashSet<>());
        }
        List<InventoryHost> hosts = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : hostLines.entrySet()) {
            String name = entry.getKey();
            Set<String> member = new LinkedHashSet<>();
            for (Group group : groups.values()) {
                if (group.hosts.contains(name)) {
                    ancestors(group.name, parents, member);
                }
            }
            List<String> ordered = new ArrayList<>(member);
            ordered.sort(Comparator.comparingInt(g -> depth.getOrDefault(g, 0))); // stable: file order within a depth
            Map<String, String> vars = new LinkedHashMap<>(groups.get(ALL).vars);
            for (String group : ordered) {
                if (!ALL.equals(group)) {
                    vars.putAll(groups.get(group).vars);
                }
            }
            vars.putAll(hostVars.getOrDefault(name, Map.of()));
            InventoryHost host = new InventoryHost(name, entry.getValue());
            for (String group : member) {
                if (!ALL.equals(group) && !UNGROUPED.equals(group)) {
                    host.groups().add(group);
                }
            }
            apply(host, vars);
            hosts.add(host);
        }
        return new Inventory(hosts, warnings);
    }

    private void apply(InventoryHost host, Map<String, String> vars) {
        String address = vars.get("ansible_host");
        String port = vars.get("ansible_port");
        if (port != null && !port.isBlank()) {
            String base = address != null && !address.isBlank() ? address : host.name();
            address = (base.contains(":") && !base.startsWith("[") ? "[" + base + "]" : base) + ":" + port;
        }
        host.address(address);
        host.environment(vars.containsKey("environment") ? vars.get("environment") : vars.get("env"));
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<String, String> var : vars.entrySet()) {
            String key = var.getKey();
            if ("ansible_host".equals(key) || "ansible_port".equals(key)) {
                continue;
            }
            if (SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
                skipped.add(key);
                continue;
            }
            host.labels().put(key, var.getValue());
        }
        if (!skipped.isEmpty()) {
            warn(host.line(), "host " + host.name() + ": not sending secret-looking vars as labels: "
                    + String.join(", ", skipped));
        }
    }

    private static void ancestors(String group, Map<String, Set<String>> parents, Set<String> into) {
        if (!into.add(group)) {
            return;
        }
        for (String parent : parents.getOrDefault(group, Set.of())) {
            ancestors(parent, parents, into);
        }
    }

    /** Longest path from a root; cycles (which Ansible rejects) are cut rather than looped. */
    private static int depth(String group, Map<String, Set<String>> parents, Map<String, Integer> memo,
            Set<String> visiting) {
        Integer known = memo.get(group);
        if (known != null) {
            return known;
        }
        if (!visiting.add(group)) {
            return 0;
        }
        int result = 0;
        for (String parent : parents.getOrDefault(group, Set.of())) {
            result = Math.max(result, depth(parent, parents, memo, visiting) + 1);
        }
        visiting.remove(group);
        memo.put(group, result);
        return result;
    }

    String file() {
        return file;
    }
}
