package dev.suture.cli.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible INI inventories: [group] host lines "name key=value ...", [group:vars], [group:children],
 * host ranges (web[01:03], db-[a:c], x[1:9:2]), "host:port" names, # and ; comments.
 */
public final class AnsibleIniParser {

    private static final Pattern SECTION = Pattern.compile("\\[([^\\[\\]:\\s]+)(?::([A-Za-z]+))?]");
    private static final Pattern RANGE = Pattern.compile("\\[([^\\[\\]:]*):([^\\[\\]:]*)(?::([^\\[\\]:]*))?]");
    private static final Pattern HOST_PORT = Pattern.compile("(.+?):(\\d+)");
    private static final int MAX_EXPANSION = 100_000;

    private AnsibleIniParser() {
    }

    public static Inventory parse(String file, String text) {
        AnsibleModel model = new AnsibleModel(file);
        String section = AnsibleModel.UNGROUPED;
        String kind = "hosts";
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                Matcher header = SECTION.matcher(stripComment(trimmed));
                if (!header.matches()) {
                    throw new InventoryException(file, number, "bad section header " + trimmed);
                }
                section = header.group(1);
                kind = header.group(2) == null ? "hosts" : header.group(2);
                if (header.group(2) != null && !kind.equals("vars") && !kind.equals("children")) {
                    throw new InventoryException(file, number, "unknown section type :" + kind
                            + " (expected [" + section + "], [" + section + ":vars] or [" + section + ":children])");
                }
                model.group(section);
                continue;
            }
            switch (kind) {
                case "vars" -> {
                    int eq = trimmed.indexOf('=');
                    if (eq <= 0) {
                        throw new InventoryException(file, number, "vars line needs key=value: " + trimmed);
                    }
                    String key = trimmed.substring(0, eq).strip();
                    List<String> value = tokens(file, number, trimmed.substring(eq + 1).strip(), "vars line");
                    if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                        throw new InventoryException(file, number, "vars line needs key=value: " + trimmed);
                    }
                    model.group(section).vars.put(unquote(key), unquote(String.join(" ", value)));
                }
                case "children" -> {
                    List<String> tokens = tokens(file, number, trimmed, "children line");
                    if (tokens.size() != 1) {
                        throw new InventoryException(file, number, "children line must name one group: " + trimmed);
                    }
                    String child = tokens.get(0);
                    if (child.equals(section)) {
                        throw new InventoryException(file, number, "group " + section + " cannot be its own child");
                    }
                    model.group(child);
                    model.group(section).children.add(child);
                }
                default -> hostLine(model, section, file, number, trimmed);
            }
        }
        return model.resolve();
    }

    private static void hostLine(AnsibleModel model, String section, String file, int number, String line) {
        List<String> tokens = tokens(file, number, line, "host line");
        if (tokens.isEmpty()) {
            return;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new InventoryException(file, number, "host line: expected key=value, got " + token);
            }
            vars.put(unquote(token.substring(0, eq)), unquote(token.substring(eq + 1)));
        }
        String pattern = unquote(tokens.get(0));
        Matcher hostPort = HOST_PORT.matcher(pattern);
        if (hostPort.matches() && !hostPort.group(1).replaceAll("\\[[^]]*]", "").contains(":")) {
            pattern = hostPort.group(1);
            vars.putIfAbsent("ansible_port", hostPort.group(2));
        }
        for (String host : expand(file, number, pattern)) {
            model.addHost(section, host, number, vars);
        }
    }

    /** Whitespace-separated tokens; quotes group (and are kept, see unquote); an unquoted # starts a comment. */
    static List<String> tokens(String file, int number, String line, String what) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    current.append(line.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    tokens.add(current.toString());
                    current = null;
                }
            } else if (c == '#' && current == null) {
                break;
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                }
                current.append(c);
            }
        }
        if (quote != 0) {
            throw new InventoryException(file, number, what + " has an unterminated quote");
        }
        if (current != null) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    /** Removes quotes: 'x y' literally, "x \" y" with \\ and \" (and \n, \t) unescaped. */
    static String unquote(String token) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == '"' && c == '\\' && i + 1 < token.length()) {
                char next = token.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String stripComment(String header) {
        int end = header.indexOf(']');
        return end < 0 ? header : header.substring(0, end + 1) + commentOnly(header.substring(end + 1));
    }

    private static String commentOnly(String rest) {
        String r = rest.strip();
        return r.isEmpty() || r.startsWith("#") || r.startsWith(";") ? "" : rest;
    }

    /** web[01:03] -> web01, web02, web03; several ranges multiply. */
    static List<String> expand(String file, int number, String pattern) {
        Matcher range = RANGE.matcher(pattern);
        if (!range.find()) {
            if (pattern.contains("[") && !pattern.startsWith("[")) {
                throw new InventoryException(file, number, "bad host range in " + pattern);
            }
            return List.of(pattern);
        }
        String prefix = pattern.substring(0, range.start());
        List<String> rest = expand(file, number, pattern.substring(range.end()));
        String from = range.group(1).strip();
        String to = range.group(2).strip();
        int stride = 1;
        if (range.group(3) != null) {
            try {
                stride = Integer.parseInt(range.group(3).strip());
            } catch (NumberFormatException e) {
                stride = 0;
            }
            if (stride <= 0) {
                throw new InventoryException(file, number, "bad stride in host range " + range.group());
            }
        }
        List<String> values = new ArrayList<>();
        if (from.matches("\\d+") && to.matches("\\d+")) {
            long start = Long.parseLong(from);
            long end = Long.parseLong(to);
            if (start > end || (end - start) / stride >= MAX_EXPANSION) {
                throw new InventoryException(file, number, "bad host range " + range.group());
            }
            int width = from.length() > 1 && from.startsWith("0") ? from.length() : 0;
            for (long n = start; n <= end; n += stride) {
                String digits = Long.toString(n);
                values.add(width > digits.length() ? "0".repeat(width - digits.length()) + digits : digits);
            }
        } else if (from.matches("[A-Za-z]") && to.matches("[A-Za-z]") && from.charAt(0) <= to.charAt(0)) {
            for (char c = from.charAt(0); c <= to.charAt(0); c += (char) stride) {
                values.add(String.valueOf(c));
            }
        } else {
            throw new InventoryException(file, number, "bad host range " + range.group());
        }
        List<String> hosts = new ArrayList<>();
        for (String value : values) {
            for (String suffix : rest) {
                hosts.add(prefix + value + suffix);
                if (hosts.size() > MAX_EXPANSION) {
                    throw new InventoryException(file, number, "host range expands to too many hosts");
                }
            }
        }
        return hosts;
    }
}
