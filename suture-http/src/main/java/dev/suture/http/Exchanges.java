package dev.suture.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared plumbing for the HTTP adapters: a hard deadline per exchange and readable failures. */
final class Exchanges {
  /** Lets the client's own timeout fire first (its message is more precise); ours is the backstop. */
  private static final long SLACK_MS = 250;

  private Exchanges() {}

  /**
   * Sends and waits at most {@code deadline} for the whole exchange, body included (the request
   * timeout alone stops counting once the headers arrive, so a server trickling its body would
   * otherwise hold the caller forever). On timeout or interrupt the exchange is cancelled.
   */
  static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                  Duration deadline) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<T>> future = client.sendAsync(request, handler);
    try {
      return future.get(deadline.toMillis() + SLACK_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("no complete response within " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) throw io;
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new IOException(cause);
    }
  }

  /** "timed out after 500 ms", "connection refused", ... — what went wrong, in words. */
  static String describe(IOException e, Duration timeout) {
    if (e instanceof HttpConnectTimeoutException) return "connect timed out after " + timeout.toMillis() + " ms";
    if (e instanceof HttpTimeoutException) return "timed out after " + timeout.toMillis() + " ms";
    String root = rootMessage(e);
    if (root.toLowerCase().contains("connection refused")) return "connection refused";
    if (e instanceof ConnectException) {
      if (hasCause(e, UnresolvedAddressException.class) || hasCause(e, UnknownHostException.class)) {
        return "cannot resolve host";
      }
      // JDK 17's client reports a refused connect as ConnectException <- ClosedChannelException,
      // with no message anywhere in the chain.
      if (hasCause(e, ClosedChannelException.class)) return "connection refused";
      return "cannot connect: " + root;
    }
    return "I/O error: " + root;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) if (type.isInstance(c)) return true;
    return false;
  }

  private static String rootMessage(Throwable t) {
    String message = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) message = c.getMessage();
      else if (message == null) message = c.getClass().getSimpleName();
      if (c.getCause() == c) break;
    }
    return message;
  }

  /** Worker threads shared by all clients: named, and daemons so they never hold the JVM up. */
  static ExecutorService workers(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
