package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Thin client of the Suture REST API (docs/api.md). Every failure leaves as a {@link CliException}
 * carrying the lines to print and the exit code, so commands only deal with the happy path.
 */
public final class ApiClient {

    public static final String API = "/api/v1";

    /** One HTTP exchange; the raw body is kept so `-o json` can print it unchanged. */
    public record Response(int status, String body) {
        public JsonNode json() {
            return Json.parse(body);
        }
    }

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;

    public ApiClient(String baseUrl) {
        this(baseUrl, Map.of(), Duration.ofSeconds(30));
    }

    /** env supplies SUTURE_TOKEN (bearer) or SUTURE_USER/SUTURE_PASSWORD (basic); else the token `suture login` stored. */
    public ApiClient(String baseUrl, Map<String, String> env, Duration requestTimeout) {
        this.baseUrl = stripTrailingSlash(baseUrl);
        this.authorization = authorization(env);
        this.requestTimeout = requestTimeout;
        // HTTP/1.1 on purpose: the default h2c upgrade attempt buys nothing against a local server.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path) {
        return check(send(request(path).GET()));
    }

    /** GET that turns 404 into "no such KIND: ID". */
    public Response get(String path, String kind, String id) {
        return notFoundAs(() -> get(path), kind, id);
    }

    public Response post(String path, String body, String contentType) {
        return check(send(request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))));
    }

    public Response postJson(String path, JsonNode body) {
        return post(path, Json.compact(body), "application/json");
    }

    /** Any verb with an optional JSON body (PATCH, DELETE, PUT). */
    public Response send(String method, String path, JsonNode body) {
        HttpRequest.Builder b = request(path);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return check(send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8))));
    }

    /** POSTs a body streamed from {@code body} (a file of any size: never held in memory). */
    public Response postBody(String path, HttpRequest.BodyPublisher body, String contentType) {
        return check(send(request(path).header("Content-Type", contentType).POST(body)));
    }

    /**
     * POSTs JSON and hands each line of the answer to {@code line} as it arrives (NDJSON progress from
     * long server-side work); an error status is raised as usual with the whole body.
     */
    public void postJsonLines(String path, JsonNode body, java.util.function.Consumer<String> line) {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .setHeader("Accept", "application/x-ndjson, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8));
        try {
            java.net.http.HttpResponse<java.util.stream.Stream<String>> r = http.send(b.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() >= 400) {
                check(new Response(r.statusCode(), String.join("\n", r.body().toList())));
                return;
            }
            r.body().forEach(line);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException(ExitCodes.UNREACHABLE,
                    "lost connection to Suture server at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "interrupted");
        }
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static Response notFoundAs(java.util.function.Supplier<Response> call, String kind, String id) {
        try {
            return call.get();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new CliException(ExitCodes.ERROR, "no such " + kind + ": " + id);
            }
            throw e;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable();
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "Suture server at " + baseUrl
                    + " did not answer within " + requestTimeout.toSeconds() + "s");
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                throw unreachable();
            }
            throw new CliException(ExitCodes.UNREACHABLE,
                    "lost connection to Suture server at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(130, "interrupted");
        }
    }

    private CliException unreachable() {
        return new CliException(ExitCodes.UNREACHABLE,
                "cannot reach Suture server at " + baseUrl + ": is it running? (suture server)");
    }

    private static Response check(Response response) {
        if (response.status() >= 200 && response.status() < 300) {
            return response;
        }
        throw ApiException.from(response);
    }

    private static String authorization(Map<String, String> env) {
        String token = env.get("SUTURE_TOKEN");
        if (token != null && !token.isBlank()) {
            return "Bearer " + token.trim();
        }
        String user = env.get("SUTURE_USER");
        if (user != null && !user.isBlank()) {
            String pair = user + ":" + env.getOrDefault("SUTURE_PASSWORD", "");
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return TokenFile.read(env).map(t -> "Bearer " + t).orElse(null);
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
