package dev.suture.store;

import dev.suture.core.feed.FeedKind;
import dev.suture.core.feed.FeedImport;
import dev.suture.core.port.FeedStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.json.Json;
import dev.suture.core.vuln.Advisory;
import dev.suture.core.vuln.EpssScore;
import dev.suture.core.vuln.KevEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Feed imports on a real database: one transaction each, incremental by modified, counted, audited. */
abstract class FeedStoreScenarios extends VulnStoreFixture {

  static List<Advisory> openssl(int n, String modified) {
    List<Advisory> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(advisory(String.format("DSA-%05d", i), modified, "pkg" + i, "1.0-" + (i + 2)));
    return out;
  }

  FeedImport importAdvisories(List<Advisory> list) {
    return feeds.importFeed(FeedKind.OSV, "/feeds/debian.zip", "alice", b -> list.forEach(b::advisory));
  }

  @Test void anImportedAdvisoryReadsBackEqualWithItsRawJson() {
    Advisory a = advisory("DSA-5001", "2026-11-30T12:00:00.654321Z", "openssl", "3.0.15-1~deb12u1");
    Advisory b = advisory("DSA-5002", "2026-11-30T12:00:00Z", "curl", "7.88.1-10+deb12u8");
    FeedImport done = importAdvisories(List.of(a, b));

    assertThat(done.state()).isEqualTo(FeedImport.State.SUCCEEDED);
    assertThat(done.inserted()).isEqualTo(2);
    assertThat(done.changedAdvisoryIds()).containsExactly("DSA-5001", "DSA-5002");
    assertThat(feeds.advisory("DSA-5001")).contains(a);
    assertThat(feeds.advisory("DSA-5001").orElseThrow().json()).isEqualTo(a.json()).contains("\n  \"");
    assertThat(feeds.advisory("nope")).isEmpty();
    assertThat(feeds.advisories(List.of("DSA-5002", "nope", "DSA-5001", "DSA-5002"))).containsExactly(b, a);
    // Filed under the ecosystem without its release, like AdvisoryIndex: any Debian release finds it.
    assertThat(feeds.advisoriesFor("Debian:11", "openssl")).containsExactly(a);
    assertThat(feeds.advisoriesFor("Alpine:v3.20", "openssl")).isEmpty();
    List<Advisory> all = new ArrayList<>();
    feeds.forEachAdvisory(all::add);
    assertThat(all).containsExactly(a, b);
    assertThat(feeds.counts()).isEqualTo(new FeedStore.Counts(2, 0, 2, 0, 0));

    FeedImport row = feeds.imports(10).get(0);
    assertThat(row).isEqualTo(new FeedImport(done.id(), FeedKind.OSV, "/feeds/debian.zip", "alice", clock.instant(), clock.instant(),
        FeedImport.State.SUCCEEDED, 2, 2, 0, 0, 0, List.of(), Optional.empty(), List.of()));
    List<AuditEvent> audit = store.audit().forSubject("feed/osv");
    assertThat(audit).extracting(AuditEvent::action).containsExactly("feed.imported");
    assertThat(audit.get(0).sequence()).isEqualTo(done.id());
    assertThat(Json.readObject(audit.get(0).details())).containsEntry("inserted", 2L).containsEntry("records", 2L)
        .containsEntry("source", "/feeds/debian.zip");
  }

  @Test void aReImportWritesOnlyNewAndNewerAdvisories() {
    List<Advisory> first = openssl(1200, "2026-11-01T00:00:00Z");
    FeedImport one = importAdvisories(first);
    assertThat(List.of(one.records(), one.inserted(), one.updated(), one.unchanged())).containsExactly(1200L, 1200L, 0L, 0L);

    clock.advance(Duration.ofDays(1));
    List<Advisory> second = new ArrayList<>(first);
    // Five changed upstream (newer modified, one of them now about another package) ...
    for (int i = 0; i < 5; i++) second.set(i * 100, advisory(String.format("DSA-%05d", i * 100), "2026-11-20T00:00:00Z",
        i == 0 ? "renamed" : "pkg" + i * 100, "1.0-99"));
    // ... three come from an older mirror (must not undo the stored version) ...
    for (int i = 1; i <= 3; i++) second.set(i * 100 + 1, advisory(String.format("DSA-%05d", i * 100 + 1), "2026-10-01T00:00:00Z",
        "pkg" + (i * 100 + 1), "0.1-1"));
    // ... and two are new.
    second.add(advisory("DSA-90001", "2026-11-20T00:00:00Z", "pkgnew", "2.0-1"));
    second.add(advisory("DSA-90002", "2026-11-20T00:00:00Z", "pkgnew", "2.0-2"));
    FeedImport two = importAdvisories(second);

    assertThat(List.of(two.records(), two.inserted(), two.updated(), two.unchanged())).containsExactly(1202L, 2L, 5L, 1195L);
    assertThat(two.changedAdvisoryIds()).containsExactlyInAnyOrder("DSA-00000", "DSA-00100", "DSA-00200", "DSA-00300", "DSA-00400",
        "DSA-90001", "DSA-90002");
    assertThat(feeds.advisory("DSA-00100").orElseThrow()).isEqualTo(second.get(100));
    assertThat(feeds.advisory("DSA-00101").orElseThrow()).isEqualTo(first.get(101));
    assertThat(feeds.advisoriesFor("Debian", "renamed")).extracting(Advisory::id).containsExactly("DSA-00000");
    assertThat(feeds.advisoriesFor("Debian", "pkg0")).isEmpty();
    assertThat(feeds.counts().advisories()).isEqualTo(1202);
    assertThat(feeds.counts().advisoryKeys()).isEqualTo(1202);

    FeedImport three = importAdvisories(second);
    assertThat(List.of(three.inserted(), three.updated(), three.unchanged())).containsExactly(0L, 0L, 1202L);
    assertThat(three.changedAdvisoryIds()).isEmpty();
    assertThat(feeds.imports(2)).extracting(FeedImport::id).containsExactly(three.id(), two.id());
  }

  @Test void anIdRepeatedInOneFeedIsAppliedInOrderAndKeepsTheNewest() {
    Advisory newer = advisory("DSA-7", "2026-11-20T00:00:00Z", "zlib", "1:1.2.13.dfsg-1");
    Advisory older = advisory("DSA-7", "2026-11-10T00:00:00Z", "zlib", "1:1.2.11.dfsg-1");
    Advisory newest = advisory("DSA-7", "2026-11-25T00:00:00Z", "zlib", "1:1.3.dfsg-1");
    FeedImport done = importAdvisories(List.of(newer, older, newest));
    assertThat(List.of(done.inserted(), done.updated(), done.unchanged())).containsExactly(1L, 1L, 1L);
    assertThat(feeds.advisory("DSA-7")).contains(newest);
    assertThat(done.changedAdvisoryIds()).containsExactly("DSA-7", "DSA-7");
  }

  @Test void kevAndEpssAreUpsertedAndUnchangedRowsCounted() {
    KevEntry log4j = new KevEntry("CVE-2021-44228", "Apache", "Log4j2", "Apache Log4j2 RCE", LocalDate.of(2021, 12, 10),
        Optional.of(LocalDate.of(2021, 12, 24)), true);
    KevEntry xz = new KevEntry("CVE-2024-3094", "XZ", "xz", "backdoor", LocalDate.of(2024, 3, 29), Optional.empty(), false);
    FeedImport k1 = feeds.importFeed(FeedKind.KEV, "kev.json", "alice", b -> {
      b.kev(log4j);
      b.kev(xz);
    });
    assertThat(k1.inserted()).isEqualTo(2);
    assertThat(feeds.kev(List.of("CVE-2021-44228", "CVE-2024-3094", "CVE-1999-0001")))
        .isEqualTo(Map.of(log4j.cveId(), log4j, xz.cveId(), xz));

    KevEntry xzDue = new KevEntry("CVE-2024-3094", "XZ", "xz", "backdoor", LocalDate.of(2024, 3, 29), Optional.of(LocalDate.of(2024, 4, 19)),
        false);
    KevEntry fresh = new KevEntry("CVE-2026-0001", "V", "P", "N", LocalDate.of(2026, 11, 30), Optional.empty(), false);
    FeedImport k2 = feeds.importFeed(FeedKind.KEV, "kev.json", "alice", b -> List.of(log4j, xzDue, fresh).forEach(b::kev));
    assertThat(List.of(k2.inserted(), k2.updated(), k2.unchanged())).containsExactly(1L, 1L, 1L);
    assertThat(k2.changedAdvisoryIds()).isEmpty();
    assertThat(feeds.kev(List.of("CVE-2024-3094"))).containsEntry("CVE-2024-3094", xzDue);

    EpssScore s1 = new EpssScore("CVE-2021-44228", 0.97565, 0.99999, LocalDate.of(2026, 11, 30));
    EpssScore s2 = new EpssScore("CVE-2024-3094", 0.8473, 0.98765, LocalDate.of(2026, 11, 30));
    feeds.importFeed(FeedKind.EPSS, "epss.csv.gz", "alice", b -> List.of(s1, s2).forEach(b::epss));
    EpssScore s2next = new EpssScore("CVE-2024-3094", 0.8474, 0.98766, LocalDate.of(2026, 12, 1));
    FeedImport e2 = feeds.importFeed(FeedKind.EPSS, "epss.csv.gz", "alice", b -> List.of(s1, s2next).forEach(b::epss));
    assertThat(List.of(e2.inserted(), e2.updated(), e2.unchanged())).containsExactly(0L, 1L, 1L);
    assertThat(feeds.epss(List.of(s1.cveId(), s2.cveId()))).isEqualTo(Map.of(s1.cveId(), s1, s2.cveId(), s2next));
    assertThat(feeds.counts()).isEqualTo(new FeedStore.Counts(0, 0, 0, 3, 2));
    assertThat(actions("feed/kev")).containsExactly("feed.imported", "feed.imported");
  }

  @Test void aFailingImportLeavesNothingOfItselfAndIsRecordedAsFailed() {
    Advisory kept = advisory("DSA-00001", "2026-11-01T00:00:00Z", "pkg1", "1.0-3");
    importAdvisories(List.of(kept));

    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> feeds.importFeed(FeedKind.OSV, "/feeds/broken.zip", "bob", b -> {
      for (Advisory a : openssl(1100, "2026-11-15T00:00:00Z")) b.advisory(a); // two batches already written
      b.problem("debian/DSA-9.json", Optional.of("DSA-9"), "affected[0].ranges[0].events: a range needs an introduced event");
      throw new IOException("zip truncated at entry 1101");
    }));

    assertThat(t).isInstanceOf(UncheckedIOException.class).hasMessageContaining("zip truncated");
    assertThat(feeds.counts()).isEqualTo(new FeedStore.Counts(1, 0, 1, 0, 0));
    assertThat(feeds.advisory("DSA-00001")).contains(kept);
    FeedImport failed = feeds.imports(1).get(0);
    assertThat(failed.state()).isEqualTo(FeedImport.State.FAILED);
    assertThat(failed.error()).contains("java.io.IOException: zip truncated at entry 1101");
    assertThat(List.of(failed.records(), failed.inserted(), failed.updated(), failed.unchanged(), failed.problemCount()))
        .containsExactly(1100L, 0L, 0L, 0L, 1L);
    assertThat(failed.problems()).extracting(FeedImport.Problem::recordId).containsExactly(Optional.of("DSA-9"));
    assertThat(actions("feed/osv")).containsExactly("feed.imported", "feed.failed");
    assertThat(store.audit().verify().intact()).isTrue();
  }

  @Test void aRunningImportIsInvisibleToOtherConnections() throws Exception {
    AtomicReference<long[]> seenDuring = new AtomicReference<>();
    feeds.importFeed(FeedKind.OSV, "/feeds/debian.zip", "alice", b -> {
      openssl(1100, "2026-11-01T00:00:00Z").forEach(b::advisory); // 1000 of them are in the database, uncommitted
      try (Connection other = ds.getConnection(); Statement s = other.createStatement();
           ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM advisories), (SELECT COUNT(*) FROM advisory_keys), "
               + "(SELECT COUNT(*) FROM feed_imports)")) {
        rs.next();
        seenDuring.set(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), feeds.advisory("DSA-00005").isPresent() ? 1 : 0,
            feeds.counts().advisories()});
      } catch (java.sql.SQLException e) {
        throw new IOException(e);
      }
    });
    assertThat(seenDuring.get()).containsExactly(0, 0, 0, 0, 0);
    assertThat(feeds.counts().advisories()).isEqualTo(1100);
  }

  @Test void problemsAreCountedAndTheFirstThousandKept() {
    FeedImport done = feeds.importFeed(FeedKind.OSV, "dir", "alice", b -> {
      for (int i = 0; i < 1005; i++) b.problem("f" + i + ".json", Optional.empty(), "not JSON");
      b.advisory(advisory("X-" + "9".repeat(300), "2026-11-01T00:00:00Z", "pkg", "1.0-1")); // id too long for its column
      b.advisory(advisory("DSA-1", "2026-11-01T00:00:00Z", "pkg", "1.0-1"));
    });
    assertThat(done.problemCount()).isEqualTo(1006);
    assertThat(done.records()).isEqualTo(1);
    assertThat(done.inserted()).isEqualTo(1);
    FeedImport row = feeds.imports(1).get(0);
    assertThat(row.problems()).hasSize(FeedImport.PROBLEMS_KEPT);
    assertThat(row.problems().get(999)).isEqualTo(new FeedImport.Problem("f999.json", Optional.empty(), "not JSON"));
    assertThat(row.problemCount()).isEqualTo(1006);

    FeedImport tooLong = feeds.importFeed(FeedKind.OSV, "dir", "alice",
        b -> b.advisory(advisory("X-" + "9".repeat(300), "2026-11-01T00:00:00Z", "pkg", "1.0-1")));
    assertThat(tooLong.problems()).singleElement().satisfies(p -> {
      assertThat(p.message()).isEqualTo("id: longer than 255 characters (302)");
      assertThat(p.recordId().orElseThrow()).startsWith("X-999").endsWith("...");
    });
  }

  @Test void anImportTakesOnlyItsOwnKindAndItsBatchOnlyWhileItRuns() {
    assertThatThrownBy(() -> feeds.importFeed(FeedKind.KEV, "kev.json", "alice",
        b -> b.advisory(advisory("DSA-1", "2026-11-01T00:00:00Z", "pkg", "1.0-1"))))
        .isInstanceOf(IllegalStateException.class).hasMessage("the kev import cannot take advisories");
    assertThat(feeds.counts().advisories()).isZero();
    assertThat(feeds.imports(1).get(0).state()).isEqualTo(FeedImport.State.FAILED);

    AtomicReference<FeedStore.Batch> leaked = new AtomicReference<>();
    feeds.importFeed(FeedKind.OSV, "dir", "alice", leaked::set);
    assertThatThrownBy(() -> leaked.get().advisory(advisory("DSA-1", "2026-11-01T00:00:00Z", "pkg", "1.0-1")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside its import");
  }

  @Test void twoImportsOfOneKindRunOneAfterTheOther() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch firstWriting = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<FeedImport> first = pool.submit(() -> importAdvisoriesWaiting(firstWriting, release));
      assertThat(firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
      Future<FeedImport> second = pool.submit(() -> importAdvisories(openssl(700, "2026-11-01T00:00:00Z")));
      Thread.sleep(500);
      assertThat(second.isDone()).as("the second import waits for the first").isFalse();
      release.countDown();
      FeedImport a = first.get(20, TimeUnit.SECONDS);
      FeedImport b = second.get(20, TimeUnit.SECONDS);
      assertThat(a.inserted()).isEqualTo(700);
      // It ran after the first committed, so it found every advisory already stored.
      assertThat(List.of(b.inserted(), b.unchanged())).containsExactly(0L, 700L);
    } finally {
      pool.shutdownNow();
    }
  }

  private FeedImport importAdvisoriesWaiting(CountDownLatch writing, CountDownLatch release) {
    return feeds.importFeed(FeedKind.OSV, "dir", "alice", b -> {
      openssl(700, "2026-11-01T00:00:00Z").forEach(b::advisory);
      writing.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
