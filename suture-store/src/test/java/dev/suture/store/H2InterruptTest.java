package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine interrupts threads that may be committing (shutdown, lost lease, cancel). With H2's
 * default file system an interrupt during a write closes the database for every thread ("The
 * database has been closed"); the embedded URL uses the async file system, which does not.
 */
class H2InterruptTest {
  @TempDir Path tmp;

  @Test
  void interruptingAThreadWhileItCommitsLeavesTheDatabaseOpen() throws Exception {
    try (Store store = Store.open(Store.h2FileUrl(tmp.resolve("db")), null, null, 4, Clock.systemUTC(), new DocumentParser(Set.of()))) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger committed = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      Thread writer = new Thread(() -> {
        while (!stop.get()) {
          try {
            store.audit().append(List.of(new AuditRecord("t", "test.write", "s-" + committed.get(), Map.of("n", committed.get()))));
            committed.incrementAndGet();
          } catch (RuntimeException e) {
            // Acquiring a pooled connection is interruptible; that refusal is fine. A closed
            // database is not, and shows below.
            refused.incrementAndGet();
          }
          Thread.interrupted();
        }
      }, "writer");
      writer.start();
      long end = System.nanoTime() + 3_000_000_000L;
      int interrupts = 0;
      while (System.nanoTime() < end) {
        writer.interrupt();
        interrupts++;
        Thread.sleep(0, 200_000);
      }
      stop.set(true);
      writer.join(10_000);

      assertThat(interrupts).isGreaterThan(1000);
      assertThat(committed.get()).as("commits made while being interrupted").isGreaterThan(100);
      store.audit().append(List.of(new AuditRecord("t", "test.after", "s", Map.of())));
      assertThat(store.audit().list(0, Integer.MAX_VALUE)).hasSize(committed.get() + 1);
      assertThat(store.audit().verify().intact()).isTrue();
    }
  }
}
