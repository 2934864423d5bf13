package dev.suture.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.suture.cli.ApiClient;
import dev.suture.cli.ApiException;
import dev.suture.cli.ApplyCommand;
import dev.suture.cli.CliException;
import dev.suture.cli.ClientCommand;
import dev.suture.cli.ExitCodes;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `suture import ansible|csv FILE`: inventory to Asset documents, applied in one all-or-nothing request. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an inventory as Assets (one all-or-nothing apply).",
                "Each host becomes an Asset: address from ansible_host[:ansible_port] or the address column,",
                "groups from the inventory, other vars/columns as labels."},
        subcommands = {ImportCommand.Ansible.class, ImportCommand.Csv.class})
public final class ImportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options and the apply shared by every inventory format. */
    abstract static class Base extends ClientCommand {

        @Parameters(index = "0", paramLabel = "FILE", description = "inventory file")
        String file;

        @Option(names = "--environment", paramLabel = "ENV",
                description = "spec.environment of every Asset (default: the host's environment or env var/column,"
                        + " else production)")
        String environment;

        @Option(names = "--dry-run", description = "print the Asset YAML instead of applying it")
        boolean dryRun;

        abstract Inventory parse(String name, String text);

        @Override
        public Integer call() {
            String name = fileName(file);
            Inventory inventory = parse(name, read(file));
            inventory.warnings().forEach(err()::println);
            err().flush();
            if (inventory.hosts().isEmpty()) {
                throw new CliException(ExitCodes.ERROR, name + ": no hosts found; nothing to import");
            }
            AssetYaml.Output output = AssetYaml.write(inventory.hosts(), environment);
            if (dryRun) {
                out().print(output.yaml());
                out().flush();
                return ExitCodes.OK;
            }
            try {
                ApiClient.Response response = api().post(ApiClient.API + "/documents?source="
                        + ApiClient.segment(name), output.yaml(), "application/yaml");
                ApplyCommand.appliedLines(response.json()).forEach(out()::println);
                out().flush();
                return ExitCodes.OK;
            } catch (ApiException e) {
                if (e.status() >= 500) {
                    throw e;
                }
                errorLines(e, name, inventory.hosts(), output.documentLines()).forEach(err()::println);
                err().flush();
                return ExitCodes.ERROR;
            }
        }

        /** The server's errors point into the generated YAML; name the inventory line and host instead. */
        private List<String> errorLines(ApiException e, String sent, List<InventoryHost> hosts, List<Integer> starts) {
            List<String> lines = new ArrayList<>();
            lines.add(e.lines().get(0));
            JsonNode errors = e.problem() == null ? null : e.problem().get("errors");
            if (errors == null || !errors.isArray()) {
                lines.addAll(e.lines().subList(1, e.lines().size()));
                return lines;
            }
            for (JsonNode error : errors) {
                if (!error.isObject()) {
                    lines.add(error.asText());
                    continue;
                }
                String source = text(error, "source");
                String field = text(error, "field");
                String message = text(error, "message");
                StringBuilder line = new StringBuilder();
                if (source == null || source.equals(sent)) {
                    JsonNode at = error.get("line");
                    int index = at != null && at.canConvertToInt() ? documentAt(starts, at.asInt()) : -1;
                    if (index >= 0) {
                        InventoryHost host = hosts.get(index);
                        line.append(file).append(':').append(host.line()).append(": host ").append(host.name())
                                .append(": ");
                    } else {
                        line.append(file).append(": ");
                    }
                } else {
                    line.append(source).append(": ");
                }
                if (field != null && (message == null || !message.startsWith(field + ":"))) {
                    line.append(field).append(": ");
                }
                line.append(message != null ? message : error.toString());
                lines.add(line.toString());
            }
            return lines;
        }

        private static int documentAt(List<Integer> starts, int line) {
            int index = -1;
            for (int i = 0; i < starts.size() && starts.get(i) <= line; i++) {
                index = i;
            }
            return index;
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        private static String read(String file) {
            try {
                byte[] bytes = Files.readAllBytes(Path.of(file));
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (NoSuchFileException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": no such file");
            } catch (CharacterCodingException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": not UTF-8 text");
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
            }
        }

        static String fileName(String file) {
            Path name = Path.of(file).getFileName();
            return name == null ? file : name.toString();
        }
    }

    enum AnsibleFormat { ini, yaml }

    @Command(name = "ansible", mixinStandardHelpOptions = true,
            description = {"Import an Ansible inventory (INI, or YAML when the file ends in .yml/.yaml/.json).",
                    "[group:vars] and [group:children] apply; host ranges like web[01:03] expand;",
                    "all and ungrouped are not Asset groups. Password/secret/token vars are not sent."})
    static final class Ansible extends Base {

        @Option(names = "--format", paramLabel = "FORMAT",
                description = "ini or yaml (default: from the file name: .yml, .yaml, .json are yaml)")
        AnsibleFormat format;

        @Override
        Inventory parse(String name, String text) {
            AnsibleFormat chosen = format;
            if (chosen == null) {
                String lower = name.toLowerCase(Locale.ROOT);
                chosen = lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith(".json")
                        ? AnsibleFormat.yaml : AnsibleFormat.ini;
            }
            return chosen == AnsibleFormat.yaml ? AnsibleYamlParser.parse(name, text)
                    : AnsibleIniParser.parse(name, text);
        }
    }

    @Command(name = "csv", mixinStandardHelpOptions = true,
            description = {"Import a CSV inventory (RFC 4180, header row required).",
                    "Columns: name (required), address, environment or env, groups (separated by ; or |);",
                    "every other column becomes a label (empty cells are skipped)."})
    static final class Csv extends Base {

        @Override
        Inventory parse(String name, String text) {
            return CsvInventoryParser.parse(name, text);
        }
    }
}
