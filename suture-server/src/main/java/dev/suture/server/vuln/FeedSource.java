package dev.suture.server.vuln;

import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a feed's bytes come from: the request body (the CLI streams a file) or a URL the server
 * fetches. Both are capped: a feed larger than {@code maxBytes} fails the import instead of filling
 * the disk of the database.
 */
public final class FeedSource {
  /** An open feed: its bytes, a name for the record and problem reports, its length when known (else -1). */
  public record Opened(InputStream stream, String name, long length) implements AutoCloseable {
    @Override public void close() throws IOException { stream.close(); }
  }

  private final long maxBytes;
  private final HttpClient http;

  public FeedSource(long maxBytes) {
    this.maxBytes = maxBytes;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  public Opened upload(HttpServletRequest request, Optional<String> source) throws IOException {
    long length = request.getContentLengthLong();
    if (length > maxBytes) throw new IllegalArgumentException("body: the feed is " + length + " bytes, more than the limit of " + maxBytes);
    String name = source.filter(s -> !s.isBlank()).orElse("upload");
    return new Opened(new Capped(request.getInputStream(), maxBytes), name, length);
  }

  /** Fetches {@code url} (http or https only) and streams the body; a non-200 answer is an error naming the URL. */
  public Opened fetch(String url) throws IOException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url: not a URL: " + e.getMessage());
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null)
      throw new IllegalArgumentException("url: must be an http or https URL with a host, was '" + url + "'");
    HttpResponse<InputStream> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("url: could not fetch " + url + ": " + e.getMessage());
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IllegalArgumentException("url: " + url + " answered HTTP " + response.statusCode());
    }
    long length = response.headers().firstValueAsLong("content-length").orElse(-1);
    if (length > maxBytes) {
      response.body().close();
      throw new IllegalArgumentException("url: the feed is " + length + " bytes, more than the limit of " + maxBytes);
    }
    return new Opened(new Capped(response.body(), maxBytes), url, length);
  }

  /** Fails the read once more than {@code max} bytes came through (a body without a length may lie). */
  private static final class Capped extends FilterInputStream {
    private final long max;
    private long count;

    Capped(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override public int read() throws IOException {
      int b = super.read();
      if (b >= 0) add(1);
      return b;
    }

    @Override public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) add(n);
      return n;
    }

    private void add(long n) throws IOException {
      count += n;
      if (count > max) throw new IOException("the feed is larger than the limit of " + max + " bytes (suture.feeds.max-bytes)");
    }
  }
}
