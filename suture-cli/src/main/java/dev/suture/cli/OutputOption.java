package dev.suture.cli;

import picocli.CommandLine.Option;

/** `-o table|json` for read commands. */
public final class OutputOption {

    public enum Format { table, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table or json (json is the server's answer, unchanged). Default: ${DEFAULT-VALUE}")
    private Format format = Format.table;

    public boolean json() {
        return format == Format.json;
    }
}
