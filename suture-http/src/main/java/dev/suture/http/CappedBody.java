package dev.suture.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects at most {@code limit} bytes of a body as UTF-8 text, then stops reading: a health
 * endpoint that streams forever must not exhaust memory or hold the check.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {
  private final int limit;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<String> body = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private CappedBody(int limit) { this.limit = limit; }

  static HttpResponse.BodyHandler<String> handler(int limit) {
    return info -> new CappedBody(limit);
  }

  @Override public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) return; // items already in flight after cancel()
    for (ByteBuffer b : buffers) {
      int n = Math.min(b.remaining(), limit - bytes.size());
      byte[] chunk = new byte[n];
      b.get(chunk);
      bytes.write(chunk, 0, n);
    }
    if (bytes.size() >= limit) {
      finish();
      subscription.cancel();
    } else {
      subscription.request(1);
    }
  }

  @Override public void onError(Throwable t) { body.completeExceptionally(t); }

  @Override public void onComplete() { finish(); }

  @Override public CompletionStage<String> getBody() { return body; }

  // UTF-8 regardless of the declared charset: the body is only matched against a plan's regex,
  // and health pages are ASCII in practice.
  private void finish() { body.complete(bytes.toString(StandardCharsets.UTF_8)); }
}
