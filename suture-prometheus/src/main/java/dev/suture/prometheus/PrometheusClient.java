package dev.suture.prometheus;

import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Instant and range queries over Prometheus' HTTP API ({@code /api/v1/query}, {@code
 * /api/v1/query_range}). Each call is bounded by its timeout for the whole exchange, body
 * included, and every failure becomes a {@link PrometheusException} naming the URL.
 */
public final class PrometheusClient {
  /** Let the client's own timeout fire first; ours is the backstop for a trickling body. */
  private static final long SLACK_MS = 250;

  private final HttpClient http;

  public PrometheusClient() {
    this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build());
  }

  public PrometheusClient(HttpClient http) { this.http = http; }

  public QueryResult instant(String address, String query, Map<String, String> headers, Duration timeout)
      throws PrometheusException, InterruptedException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", query);
    params.put("timeout", timeout.toMillis() + "ms");
    return get(address, "/api/v1/query", params, headers, timeout);
  }

  public QueryResult range(String address, String query, Instant start, Instant end, Duration step,
                           Map<String, String> headers, Duration timeout) throws PrometheusException, InterruptedException {
    if (!end.isAfter(start)) throw new IllegalArgumentException("range end " + end + " must be after start " + start);
    if (step.isZero() || step.isNegative()) throw new IllegalArgumentException("step must be positive, got " + step);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", query);
    params.put("start", seconds(start));
    params.put("end", seconds(end));
    params.put("step", step.toMillis() + "ms");
    params.put("timeout", timeout.toMillis() + "ms");
    return get(address, "/api/v1/query_range", params, headers, timeout);
  }

  private QueryResult get(String address, String path, Map<String, String> params, Map<String, String> headers,
                          Duration timeout) throws PrometheusException, InterruptedException {
    String base = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    String url = base + path;
    String where = "Prometheus at " + url;
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(URI.create(url + "?" + form(params))).GET().timeout(timeout)
          .header("Accept", "application/json").header("User-Agent", "suture-prometheus");
      headers.forEach(builder::header);
    } catch (IllegalArgumentException e) {
      throw new PrometheusException("bad Prometheus address " + address + ": " + e.getMessage());
    }
    HttpResponse<String> response = send(builder.build(), timeout, where);
    if (response.statusCode() / 100 != 2) {
      // Prometheus answers 400/422/503 with its JSON error envelope; anything else (a proxy) gets the body excerpt.
      try {
        ResponseParser.parse(response.body(), where);
      } catch (PrometheusException e) {
        throw new PrometheusException("HTTP " + response.statusCode() + ": " + e.getMessage());
      }
      throw new PrometheusException("HTTP " + response.statusCode() + " from " + where);
    }
    return ResponseParser.parse(response.body(), where);
  }

  private HttpResponse<String> send(HttpRequest request, Duration timeout, String where)
      throws PrometheusException, InterruptedException {
    CompletableFuture<HttpResponse<String>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      return future.get(timeout.toMillis() + SLACK_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new PrometheusException("cannot reach " + where + ": no complete answer within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw new PrometheusException("cannot reach " + where + ": " + describe(e.getCause(), timeout), e.getCause());
    }
  }

  private static String describe(Throwable e, Duration timeout) {
    if (e instanceof HttpConnectTimeoutException) return "connect timed out after " + timeout.toMillis() + " ms";
    if (e instanceof HttpTimeoutException) return "timed out after " + timeout.toMillis() + " ms";
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    if (e instanceof ConnectException || root instanceof ConnectException) return "connection refused";
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** Unix seconds with millisecond precision, as the API takes them. */
  static String seconds(Instant t) {
    return java.math.BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).toPlainString();
  }
}
