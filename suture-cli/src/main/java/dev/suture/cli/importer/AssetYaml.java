package dev.suture.cli.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes hosts as Asset documents. Every scalar is a double-quoted YAML string with \\, \" and every
 * control or line-break character escaped, so any name or label round-trips literally.
 */
public final class AssetYaml {

    /** The generated text, and the first line of each host's document (1-based), in host order. */
    public record Output(String yaml, List<Integer> documentLines) {}

    private AssetYaml() {
    }

    public static Output write(List<InventoryHost> hosts, String environmentOverride) {
        StringBuilder out = new StringBuilder();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            InventoryHost host = hosts.get(i);
            if (i > 0) {
                out.append("---\n");
            }
            starts.add((int) out.chars().filter(c -> c == '\n').count() + 1);
            StringBuilder doc = new StringBuilder();
            doc.append("apiVersion: ").append(quote("suture.dev/v1")).append('\n');
            doc.append("kind: ").append(quote("Asset")).append('\n');
            doc.append("metadata:\n");
            doc.append("  name: ").append(quote(host.name())).append('\n');
            if (host.labels().isEmpty()) {
                doc.append("  labels: {}\n");
            } else {
                doc.append("  labels:\n");
                for (Map.Entry<String, String> label : host.labels().entrySet()) {
                    doc.append("    ").append(quote(label.getKey())).append(": ").append(quote(label.getValue()))
                            .append('\n');
                }
            }
            doc.append("spec:\n");
            doc.append("  environment: ").append(quote(environment(host, environmentOverride))).append('\n');
            if (host.address() != null) {
                doc.append("  address: ").append(quote(host.address())).append('\n');
            }
            doc.append("  groups: [");
            String separator = "";
            for (String group : host.groups()) {
                doc.append(separator).append(quote(group));
                separator = ", ";
            }
            doc.append("]\n");
            out.append(doc);
        }
        return new Output(out.toString(), starts);
    }

    /** --environment, else the inventory's environment/env, else production. */
    static String environment(InventoryHost host, String override) {
        if (override != null && !override.isBlank()) {
            return override;
        }
        if (host.environment() != null && !host.environment().isBlank()) {
            return host.environment();
        }
        return "production";
    }

    /** A double-quoted YAML scalar. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else if (c == '\u2028' || c == '\u2029' || c == '\uFEFF' || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < value.length()
                                    && Character.isLowSurrogate(value.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))
                            || c == '\uFFFE' || c == '\uFFFF') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
