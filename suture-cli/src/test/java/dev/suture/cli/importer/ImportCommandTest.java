package dev.suture.cli.importer;

import static dev.suture.cli.importer.ImportTestSupport.documents;
import static dev.suture.cli.importer.ImportTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

    @TempDir
    Path tmp;

    private final RecordingServer server;

    ImportCommandTest() throws IOException {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dryRunPrintsAssetYamlAndSendsNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("inventory.ini"), """
                [web]
                web-01 ansible_host=10.0.0.5 ansible_port=8080 role=web
                [prod:children]
                web
                """);

        ImportTestSupport.Result result = ImportTestSupport.run("import", "ansible", file.toString(), "--dry-run",
                "--server", server.url());

        assertThat(result.exit()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("""
                apiVersion: "suture.dev/v1"
                kind: "Asset"
                metadata:
                  name: "web-01"
                  labels:
                    "role": "web"
                spec:
                  environment: "production"
                  address: "10.0.0.5:8080"
                  groups: ["web", "prod"]
                """);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void environmentOptionOverridesTheInventory() throws IOException {
        Path file = Files.writeString(tmp.resolve("hosts.csv"), "name,env\na,staging\nb,\n");

        ImportTestSupport.Result byInventory = ImportTestSupport.run("import", "csv", file.toString(), "--dry-run");
        ImportTestSupport.Result byOption = ImportTestSupport.run("import", "csv", file.toString(), "--dry-run",
                "--environment", "lab");

        assertThat(documents(byInventory.out())).extracting(d -> map(d, "spec").get("environment"))
                .containsExactly("staging", "production");
        assertThat(documents(byOption.out())).extracting(d -> map(d, "spec").get("environment"))
                .containsExactly("lab", "lab");
    }

    @Test
    void hostileNamesAndLabelsRoundTripLiterally() throws IOException {
        List<String> hostile = List.of("web1; $(rm -rf /)", "a\"b\\c", "x: y # z", "- [*alias]", "!!python/object",
                "tab\there", "nul\u0001bell\u0007", "line\u2028sep", "café ☃ \uD83D\uDE00", "'single'", "");
        StringBuilder csv = new StringBuilder("name,\"evil \"\"key\"\": {}\",groups\n");
        for (int i = 0; i < hostile.size(); i++) {
            String value = hostile.get(i);
            String name = value.isEmpty() ? "empty" + i : value;
            csv.append(quoteCsv(name)).append(',').append(quoteCsv(value.isEmpty() ? " " : value)).append(',')
                    .append(quoteCsv(value.replace(";", "").replace("|", ""))).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("evil.csv"), csv.toString());

        ImportTestSupport.Result result = ImportTestSupport.run("import", "csv", file.toString(), "--dry-run");

        assertThat(result.exit()).as(result.err()).isZero();
        List<Map<String, Object>> docs = documents(result.out());
        assertThat(docs).hasSize(hostile.size());
        for (int i = 0; i < hostile.size(); i++) {
            String value = hostile.get(i);
            Map<String, Object> doc = docs.get(i);
            assertThat(doc.get("kind")).isEqualTo("Asset");
            assertThat(map(doc, "metadata").get("name")).isEqualTo(value.isEmpty() ? "empty" + i : value);
            assertThat(map(map(doc, "metadata"), "labels"))
                    .containsExactly(Map.entry("evil \"key\": {}", value.isEmpty() ? " " : value));
            String group = value.replace(";", "").replace("|", "").strip();
            assertThat(map(doc, "spec").get("groups")).isEqualTo(group.isEmpty() ? List.of() : List.of(group));
        }
    }

    @Test
    void hostileIniHostRoundTrips() throws IOException {
        Path file = Files.writeString(tmp.resolve("inventory.ini"),
                "[web]\n\"web1; $(rm -rf /)\" note=\"say \\\"hi\\\" \\\\ bye\"\n");

        ImportTestSupport.Result result = ImportTestSupport.run("import", "ansible", file.toString(), "--dry-run");

        assertThat(result.exit()).as(result.err()).isZero();
        Map<String, Object> doc = documents(result.out()).get(0);
        assertThat(map(doc, "metadata").get("name")).isEqualTo("web1; $(rm -rf /)");
        assertThat(map(map(doc, "metadata"), "labels")).isEqualTo(Map.of("note", "say \"hi\" \\ bye"));
    }

    @Test
    void appliesEverythingInOneRequestAndPrintsWhatTheServerSaid() throws IOException {
        Path file = Files.writeString(tmp.resolve("hosts.yml"), """
                all:
                  children:
                    web:
                      hosts:
                        web-01: {ansible_host: 10.0.0.1}
                        web-02: {ansible_host: 10.0.0.2}
                """);
        server.answer(200, "application/json", """
                {"applied":[{"kind":"Asset","name":"web-01","action":"created"},
                            {"kind":"Asset","name":"web-02","action":"unchanged"}]}""");

        ImportTestSupport.Result result = ImportTestSupport.run("import", "ansible", file.toString(),
                "--server", server.url());

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("asset/web-01 created\nasset/web-02 unchanged\n");
        assertThat(server.requests).hasSize(1);
        RecordingServer.Request request = server.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/api/v1/documents?source=hosts.yml");
        assertThat(request.contentType()).isEqualTo("application/yaml");
        List<Map<String, Object>> docs = documents(request.body());
        assertThat(docs).extracting(d -> map(d, "metadata").get("name")).containsExactly("web-01", "web-02");
        assertThat(docs).extracting(d -> map(d, "spec").get("address")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(docs).extracting(d -> map(d, "spec").get("groups")).containsOnly(List.of("web"));
    }

    @Test
    void serverErrorsPointAtTheInventoryLineAndHost() throws IOException {
        Path file = Files.writeString(tmp.resolve("hosts.csv"), "name,address\na,10.0.0.1\nb,10.0.0.2\n");
        // document 2 starts on line 11 of the generated YAML (10 lines per document + "---")
        server.answer(400, "application/problem+json", """
                {"title":"Invalid document","status":400,"detail":"1 error in hosts.csv",
                 "errors":[{"source":"hosts.csv","line":15,"field":"metadata.labels","message":"bad label"}]}""");

        ImportTestSupport.Result result = ImportTestSupport.run("import", "csv", file.toString(),
                "--server", server.url());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("1 error in hosts.csv\n"
                + file + ":3: host b: metadata.labels: bad label\n");
    }

    @Test
    void inventoryErrorsSendNothing() throws IOException {
        Path file = Files.writeString(tmp.resolve("inventory.ini"), "[web]\nweb1\nweb2 x=1\nweb3 note=\"open\n");

        ImportTestSupport.Result result = ImportTestSupport.run("import", "ansible", file.toString(),
                "--server", server.url());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("inventory.ini:4: host line has an unterminated quote\n");
        assertThat(result.out()).isEmpty();
        assertThat(server.requests).isEmpty();
    }

    @Test
    void missingFileAndEmptyInventory() throws IOException {
        ImportTestSupport.Result missing = ImportTestSupport.run("import", "csv", tmp.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");

        Path empty = Files.writeString(tmp.resolve("empty.csv"), "name,address\n");
        ImportTestSupport.Result none = ImportTestSupport.run("import", "csv", empty.toString(),
                "--server", server.url());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("empty.csv: no hosts found; nothing to import\n");
        assertThat(server.requests).isEmpty();
    }

    private static String quoteCsv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
