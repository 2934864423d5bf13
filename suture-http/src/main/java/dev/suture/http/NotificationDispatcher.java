package dev.suture.http;

import dev.suture.core.doc.DocumentKind;
import dev.suture.core.notify.Backoff;
import dev.suture.core.notify.ChannelType;
import dev.suture.core.notify.Delivery;
import dev.suture.core.notify.DeliveryState;
import dev.suture.core.notify.NotificationChannel;
import dev.suture.core.port.DocumentStore;
import dev.suture.core.port.NotificationOutbox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the audit log into the outbox, then sends what is due: SENT on a 2xx, otherwise retried
 * with backoff until DEAD. At least once: a node that dies after the POST but before marking the
 * row SENT sends it again, with the same X-Suture-Event-Id for the receiver to drop.
 */
public final class NotificationDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

  /** @param hold how long a claimed row is ours; longer than a send can take (sender timeout). */
  public record Config(Duration pollInterval, Duration hold, int batch, int senders, Backoff backoff) {
    public Config {
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(hold, "hold");
      Objects.requireNonNull(backoff, "backoff");
      if (pollInterval.isNegative() || pollInterval.isZero()) throw new IllegalArgumentException("pollInterval must be positive");
      if (batch < 1 || senders < 1) throw new IllegalArgumentException("batch and senders must be at least 1");
    }

    public static Config defaults() { return new Config(Duration.ofMillis(500), Duration.ofMinutes(1), 100, 4, Backoff.DEFAULT); }
  }

  private final NotificationOutbox outbox;
  private final DocumentStore documents;
  private final NotificationSender sender;
  private final Clock clock;
  private final Config config;
  private final ExecutorService sends;
  private volatile Thread loop;

  public NotificationDispatcher(NotificationOutbox outbox, DocumentStore documents, NotificationSender sender, Clock clock, Config config) {
    this.outbox = outbox;
    this.documents = documents;
    this.sender = sender;
    this.clock = clock;
    this.config = config;
    AtomicInteger n = new AtomicInteger();
    this.sends = Executors.newFixedThreadPool(config.senders(), r -> {
      Thread t = new Thread(r, "suture-notify-send-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public synchronized void start() {
    if (loop != null) return;
    loop = new Thread(this::loop, "suture-notify-dispatcher");
    loop.setDaemon(true);
    loop.start();
  }

  private void loop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        runOnce();
        Thread.sleep(config.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // The database may be briefly away; nothing is lost (the cursor and rows are durable): try again next poll.
        log.warn("notification dispatch failed; retrying next poll: {}", e.toString());
        try {
          Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** One poll: relay, claim what is due, send it all, wait for the sends. Returns rows sent. */
  public int runOnce() throws InterruptedException {
    // Drain a backlog (e.g. after downtime) in bounded transactions before sending.
    while (outbox.relay(500) == 500) {
      if (Thread.currentThread().isInterrupted()) throw new InterruptedException("dispatcher stopping");
    }
    List<Delivery> due = outbox.claim(clock.instant(), config.hold(), config.batch());
    List<Future<Boolean>> results = new ArrayList<>();
    for (Delivery d : due) results.add(sends.submit(() -> deliver(d)));
    int sent = 0;
    for (Future<Boolean> f : results) {
      try {
        if (f.get()) sent++;
      } catch (java.util.concurrent.ExecutionException e) {
        log.error("bug: notification send failed unexpectedly", e.getCause());
      }
    }
    return sent;
  }

  private boolean deliver(Delivery d) throws InterruptedException {
    try {
      Target t = target(d);
      sender.post(t.url(), NotificationSender.body(t.type(), d.notification(), d.eventKey(), t.routingKey()), d.eventKey());
      outbox.markSent(d.id(), clock.instant());
      return true;
    } catch (NotificationSender.DeliveryException e) {
      Delivery after = outbox.markFailed(d.id(), e.getMessage(), clock.instant(), config.backoff());
      log.warn("notification {} to {} failed (attempt {}): {}; {}", d.eventKey(), d.channel(), after.attempts(), e.getMessage(),
          after.state() == DeliveryState.DEAD ? "DEAD (retry it through the API)" : "next attempt at " + after.nextAttemptAt());
      return false;
    }
  }

  private record Target(ChannelType type, URI url, Optional<String> routingKey) {}

  private Target target(Delivery d) throws NotificationSender.DeliveryException {
    if (d.url() != null) {
      try {
        return new Target(ChannelType.WEBHOOK, URI.create(d.url()), Optional.empty());
      } catch (IllegalArgumentException e) {
        throw new NotificationSender.DeliveryException("plan webhook URL is malformed");
      }
    }
    NotificationChannel ch = documents.find(DocumentKind.NOTIFICATION_CHANNEL, d.channel())
        .map(doc -> doc.as(NotificationChannel.class))
        .orElseThrow(() -> new NotificationSender.DeliveryException("channel '" + d.channel() + "' no longer exists"));
    return new Target(ch.type(), ch.url(), ch.routingKey());
  }

  @Override public void close() throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = loop;
      loop = null;
    }
    if (t != null) {
      t.interrupt();
      t.join(10_000);
    }
    sends.shutdownNow();
  }
}
