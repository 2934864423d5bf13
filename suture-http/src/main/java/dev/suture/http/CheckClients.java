package dev.suture.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Shared HTTP clients for checks, one per probe timeout. {@link HttpClient} fixes its connect
 * timeout when built, and a check's connect timeout is its probe timeout; plans use a handful of
 * distinct timeouts, so one client per value keeps connection reuse and a bounded number of
 * selector threads. Past {@link #MAX} distinct values a client without a connect timeout is
 * used: the request timeout (which the JDK starts before connecting) and the exchange deadline
 * still bound every check.
 */
final class CheckClients {
  static final int MAX = 16;

  private final ExecutorService workers = Exchanges.workers("suture-http-check");
  private final Map<Duration, HttpClient> byTimeout = new ConcurrentHashMap<>();
  private final HttpClient fallback = builder().build();

  HttpClient forTimeout(Duration timeout) {
    HttpClient client = byTimeout.get(timeout);
    if (client != null) return client;
    if (byTimeout.size() >= MAX) return fallback;
    return byTimeout.computeIfAbsent(timeout, t -> builder().connectTimeout(t).build());
  }

  private HttpClient.Builder builder() {
    // Redirects are not followed: a health URL that redirects is reported as the status it gave.
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).executor(workers);
  }
}
