package dev.suture.cli.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV inventories (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks). A header row is
 * required with a name column; address, environment/env and groups (split on ; or |) are known columns,
 * every other column is a label (empty cells are no label).
 */
public final class CsvInventoryParser {

    private record Row(int line, List<String> fields) {}

    private CsvInventoryParser() {
    }

    public static Inventory parse(String file, String text) {
        List<Row> rows = rows(file, text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (rows.isEmpty()) {
            throw new InventoryException(file, 1, "missing header row (needs at least a name column)");
        }
        Row header = rows.get(0);
        List<String> columns = new ArrayList<>();
        Map<String, Integer> known = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String column = header.fields().get(i).strip();
            if (column.isEmpty()) {
                throw new InventoryException(file, header.line(), "column " + (i + 1) + " has an empty header");
            }
            String lower = column.toLowerCase(Locale.ROOT);
            if (known.containsKey(lower)) {
                throw new InventoryException(file, header.line(), "duplicate column " + column);
            }
            known.put(lower, i);
            columns.add(column);
        }
        Integer name = known.get("name");
        if (name == null) {
            throw new InventoryException(file, header.line(), "header has no name column");
        }
        if (known.containsKey("environment") && known.containsKey("env")) {
            throw new InventoryException(file, header.line(), "use either an environment or an env column, not both");
        }
        Integer address = known.get("address");
        Integer environment = known.containsKey("environment") ? known.get("environment") : known.get("env");
        Integer groups = known.get("groups");

        List<InventoryHost> hosts = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Row row : rows.subList(1, rows.size())) {
            List<String> fields = row.fields();
            if (fields.size() != columns.size()) {
                throw new InventoryException(file, row.line(), "expected " + columns.size() + " fields, found "
                        + fields.size());
            }
            String hostName = fields.get(name).strip();
            if (hostName.isEmpty()) {
                throw new InventoryException(file, row.line(), "empty name");
            }
            Integer previous = seen.putIfAbsent(hostName, row.line());
            if (previous != null) {
                throw new InventoryException(file, row.line(), "duplicate name " + hostName + " (first on line "
                        + previous + ")");
            }
            InventoryHost host = new InventoryHost(hostName, row.line());
            if (address != null && !fields.get(address).isBlank()) {
                host.address(fields.get(address).strip());
            }
            if (environment != null && !fields.get(environment).isBlank()) {
                host.environment(fields.get(environment).strip());
            }
            if (groups != null) {
                for (String group : fields.get(groups).split("[;|]")) {
                    if (!group.isBlank()) {
                        host.groups().add(group.strip());
                    }
                }
            }
            for (int i = 0; i < columns.size(); i++) {
                Integer column = i;
                if (column.equals(name) || column.equals(address) || column.equals(environment)
                        || column.equals(groups) || fields.get(i).isEmpty()) {
                    continue;
                }
                host.labels().put(columns.get(i), fields.get(i));
            }
            hosts.add(host);
        }
        return Inventory.of(hosts);
    }

    /** Records with the line each starts on; blank lines are skipped. */
    private static List<Row> rows(String file, String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int quoteLine = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n' || (c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n'))) {
                    line++;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                addRow(rows, rowLine, fields);
                fields = new ArrayList<>();
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                rowLine = line;
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw new InventoryException(file, line, "quote inside an unquoted field (quote the whole field"
                            + " and double the quote: \"\")");
                }
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
                i++;
            } else {
                if (wasQuoted) {
                    throw new InventoryException(file, line, "text after a closing quote");
                }
                field.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new InventoryException(file, quoteLine, "quoted field has an unterminated quote");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            addRow(rows, rowLine, fields);
        }
        return rows;
    }

    private static void addRow(List<Row> rows, int line, List<String> fields) {
        if (fields.size() == 1 && fields.get(0).isBlank()) {
            return;
        }
        rows.add(new Row(line, fields));
    }
}
