package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `suture audit verify|export`. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check and export the hash-chained audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
public final class AuditCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the audit hash chain on the server.", "Exit 0 when intact, 1 when broken."})
    static final class Verify extends ClientCommand {
        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            ApiClient.Response response = api().get(ApiClient.API + "/audit/verify");
            JsonNode result = response.json();
            boolean intact = result.path("intact").asBoolean(false);
            if (output.json()) {
                printRaw(response.body());
            } else if (intact) {
                out().println(message(result));
            } else {
                err().println(message(result));
            }
            return intact ? ExitCodes.OK : ExitCodes.ERROR;
        }

        static String message(JsonNode result) {
            if (result.path("intact").asBoolean(false)) {
                return "audit chain intact: " + result.path("events").asLong() + " events";
            }
            return "audit chain broken at event " + Json.text(result, "firstBadSequence") + ": "
                    + Json.text(result, "reason");
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every audit event as one JSON object per line (JSON Lines).")
    static final class Export extends ClientCommand {
        static final int PAGE = 1000;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write to FILE instead of standard output")
        Path file;

        @Override
        public Integer call() throws IOException {
            ApiClient api = api();
            if (file == null) {
                long n = export(api, out());
                out().flush();
                return n >= 0 ? ExitCodes.OK : ExitCodes.ERROR;
            }
            try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
                 PrintWriter print = new PrintWriter(writer)) {
                long n = export(api, print);
                print.flush();
                out().println("exported " + n + " audit events to " + file);
            }
            return ExitCodes.OK;
        }

        /** Pages by sequence until an empty page; stops too if a page does not advance (defensive). */
        static long export(ApiClient api, PrintWriter sink) {
            long count = 0;
            Long after = null;
            while (true) {
                String query = "?limit=" + PAGE + (after != null ? "&after=" + after : "");
                JsonNode page = api.get(ApiClient.API + "/audit" + query).json();
                if (!page.isArray() || page.isEmpty()) {
                    return count;
                }
                Long last = after;
                for (JsonNode event : page) {
                    sink.println(Json.compact(event));
                    count++;
                    Long sequence = Json.longValue(event, "sequence");
                    if (sequence != null) {
                        last = sequence;
                    }
                }
                if (last == null || last.equals(after)) {
                    return count;
                }
                after = last;
            }
        }
    }
}
