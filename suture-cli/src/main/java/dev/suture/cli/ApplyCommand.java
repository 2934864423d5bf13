package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `suture apply -f FILE`: POST /api/v1/documents, one request (all-or-nothing) per file. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create or update Assets, Patches and Plans from YAML documents ('---' separated).",
                "Each file is applied all-or-nothing; on errors every problem is printed as FILE:LINE: FIELD: MESSAGE."})
public final class ApplyCommand extends ClientCommand {

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", required = true,
            description = "YAML file to apply; repeatable; '-' reads standard input")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        ApiClient api = api();
        int exit = ExitCodes.OK;
        for (String file : files) {
            String source = "-".equals(file) ? "stdin" : fileName(file);
            String body = read(file);
            try {
                ApiClient.Response response = api.post(ApiClient.API + "/documents?source=" + ApiClient.segment(source),
                        body, "application/yaml");
                appliedLines(response.json()).forEach(out()::println);
                out().flush();
            } catch (ApiException e) {
                if (e.status() >= 500) {
                    throw e;
                }
                e.lines(source, file).forEach(err()::println);
                err().flush();
                exit = ExitCodes.ERROR;
            }
        }
        return exit;
    }

    /** "asset/web-01 created" per applied document. */
    public static List<String> appliedLines(JsonNode response) {
        List<String> lines = new ArrayList<>();
        JsonNode applied = response.get("applied");
        if (applied != null && applied.isArray()) {
            for (JsonNode doc : applied) {
                String kind = Json.text(doc, "kind");
                lines.add((kind == null ? "document" : kind.toLowerCase()) + "/" + Json.text(doc, "name", "id")
                        + " " + Json.text(doc, "action"));
            }
        }
        return lines;
    }

    private String read(String file) {
        try {
            if ("-".equals(file)) {
                InputStream stdin = ((Main) spec.root().userObject()).stdin();
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String fileName(String file) {
        Path name = Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }
}
