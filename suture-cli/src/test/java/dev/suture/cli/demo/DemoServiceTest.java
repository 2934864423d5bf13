package dev.suture.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real demo service on a loopback port and changes its files under it, as the plan does. */
class DemoServiceTest {

    @TempDir
    Path dir;

    private DemoService service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("releases"));
        Files.writeString(dir.resolve("version"), "1.0.0");
        Files.writeString(dir.resolve("releases/1.0.0.properties"), "healthy=true\n");
        Files.writeString(dir.resolve("releases/1.2.0.properties"),
                "healthy=false\nerror=connection pool exhausted after upgrade\n");
        service = DemoService.start(0, dir);
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void reportsHealthyWithTheInstalledVersion() throws Exception {
        HttpResponse<String> health = call("GET", "/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\",\"version\":\"1.0.0\"}");
        assertThat(call("GET", "/version").body()).isEqualTo("1.0.0\n");
    }

    @Test
    void aReleaseWithAnErrorRatePassesHealthButFailsThatShareOfItsRequests() throws Exception {
        Files.writeString(dir.resolve("releases/1.3.0.properties"), "healthy=true\nerrorRate=0.3\nerror=pool exhausted\n");
        Files.writeString(dir.resolve("version"), "1.3.0");
        assertThat(call("GET", "/health").statusCode()).isEqualTo(200);
        int failed = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = call("GET", "/");
            if (r.statusCode() == 503) {
                failed++;
                assertThat(r.body()).contains("pool exhausted");
            }
        }
        assertThat(failed).isEqualTo(6);
        assertThat(call("GET", "/metrics").body()).contains("demo_errors_total 6\n");
    }

    @Test
    void theFaultSwitchAlsoFailsTheServicesOwnRequests() throws Exception {
        assertThat(call("GET", "/").statusCode()).isEqualTo(200);
        Files.writeString(dir.resolve("fault"), "true");
        assertThat(call("GET", "/").statusCode()).isEqualTo(503);
    }

    @Test
    void readsTheVersionFileOnEveryRequestAndFailsOnABadRelease() throws Exception {
        Files.writeString(dir.resolve("version"), "1.2.0");

        HttpResponse<String> health = call("GET", "/health");

        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"version\":\"1.2.0\"", "connection pool exhausted after upgrade");
        assertThat(call("GET", "/version").body()).isEqualTo("1.2.0\n");
    }

    @Test
    void faultSwitchWorksOverHttpAndAsAFile() throws Exception {
        assertThat(call("POST", "/fault?on=true").body()).isEqualTo("{\"fault\":true}");
        assertThat(call("GET", "/health").statusCode()).isEqualTo(503);
        assertThat(dir.resolve("fault")).exists();

        call("POST", "/fault?on=false");
        assertThat(call("GET", "/health").statusCode()).isEqualTo(200);

        Files.writeString(dir.resolve("fault"), "true");
        assertThat(call("GET", "/health").body()).contains("fault injected");
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        call("GET", "/health");
        Files.writeString(dir.resolve("version"), "1.2.0");
        call("GET", "/health");

        HttpResponse<String> metrics = call("GET", "/metrics");

        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body()).contains("# TYPE demo_requests_total counter\ndemo_requests_total 3\n",
                "demo_errors_total 1\n", "demo_up 0\n", "demo_version_info{version=\"1.2.0\"} 1\n");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(call("GET", "/nope").statusCode()).isEqualTo(404);
    }
}
