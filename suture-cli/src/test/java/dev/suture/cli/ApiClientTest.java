package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {

    private final CannedServer server;

    ApiClientTest() throws IOException {
        server = new CannedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void returnsTheRawBodyAndItsJson() {
        server.json("GET /api/v1/rollouts", "[{\"id\":\"r-1\",\"state\":\"RUNNING\"}]");

        ApiClient.Response response = new ApiClient(server.url() + "/").get("/api/v1/rollouts");

        assertThat(response.body()).isEqualTo("[{\"id\":\"r-1\",\"state\":\"RUNNING\"}]");
        assertThat(response.json().get(0).get("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void postsYamlWithItsContentType() {
        server.json("POST /api/v1/documents?source=fleet.yaml", "{\"applied\":[]}");

        new ApiClient(server.url()).post("/api/v1/documents?source=fleet.yaml", "kind: Asset\n", "application/yaml");

        CannedServer.Recorded request = server.requests.get(0);
        assertThat(request.contentType()).isEqualTo("application/yaml");
        assertThat(request.body()).isEqualTo("kind: Asset\n");
    }

    @Test
    void turnsProblemJsonIntoDetailAndOneLinePerError() {
        server.problem("GET /api/v1/plans", 400, """
                {"type":"about:blank","title":"Invalid document","status":400,"detail":"2 errors in plans.yaml",
                 "errors":[{"source":"plans.yaml","line":14,"field":"spec.stages[2].wave.percent","message":"must be between 1 and 100"},
                           {"source":"plans.yaml","field":"spec.executor.type","message":"unknown type 'sssh'"}]}""");

        ApiException e = catchThrowableOfType(ApiException.class, () -> new ApiClient(server.url()).get("/api/v1/plans"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(e.lines()).containsExactly("2 errors in plans.yaml",
                "plans.yaml:14: spec.stages[2].wave.percent: must be between 1 and 100",
                "plans.yaml: spec.executor.type: unknown type 'sssh'");
    }

    @Test
    void doesNotRepeatWhatTheDetailAlreadySaid() {
        server.problem("POST /api/v1/rollouts", 400, """
                {"detail":"plan: no plan named 'nope'","status":400,"title":"Invalid request",
                 "errors":[{"message":"plan: no plan named 'nope'","field":"plan"}]}""");

        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new ApiClient(server.url()).post("/api/v1/rollouts", "{}", "application/json"));

        assertThat(e.lines()).containsExactly("plan: no plan named 'nope'");
    }

    @Test
    void namesTheMissingThingOn404() {
        assertThatThrownBy(() -> new ApiClient(server.url()).get("/api/v1/rollouts/r-404", "rollout", "r-404"))
                .isInstanceOf(CliException.class).hasMessage("no such rollout: r-404");
    }

    @Test
    void explainsANonJsonErrorBody() {
        server.on("GET /boom", 502, "text/html", "<html><body>Bad gateway</body></html>");

        ApiException e = catchThrowableOfType(ApiException.class, () -> new ApiClient(server.url()).get("/boom"));

        assertThat(e.lines()).containsExactly("server answered HTTP 502: <html><body>Bad gateway</body></html>");
    }

    @Test
    void saysTheServerIsNotRunningWhenTheConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> new ApiClient(url).get("/api/v1/assets"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
                .hasMessage("cannot reach Suture server at " + url + ": is it running? (suture server)");
    }

    @Test
    void sendsCredentialsFromTheEnvironment() {
        server.json("GET /x", "{}");

        new ApiClient(server.url(), Map.of("SUTURE_TOKEN", "t0k"), Duration.ofSeconds(5)).get("/x");
        new ApiClient(server.url(), Map.of("SUTURE_USER", "ops", "SUTURE_PASSWORD", "pw"), Duration.ofSeconds(5)).get("/x");
        new ApiClient(server.url()).get("/x");

        assertThat(server.requests).extracting(CannedServer.Recorded::authorization)
                .containsExactly("Bearer t0k", "Basic b3BzOnB3", null);
    }

    @Test
    void encodesPathSegments() {
        assertThat(ApiClient.segment("a b/c")).isEqualTo("a%20b%2Fc");
    }
}
