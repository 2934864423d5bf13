package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Asset;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import dev.suture.core.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link InventoryCollector#collectAll}: the bound, the order of results, progress and cancellation. */
class InventoryCollectAllTest {
  private static final String PLAN9 = "ID=plan9\n";
  private final ManualClock clock = ManualClock.startingAt("2026-12-01T10:00:00Z");
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    blocking.shutdownNow();
  }

  private static List<Asset> assets(int n) {
    List<Asset> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(InventoryCollectorTest.asset("host-" + i));
    return out;
  }

  private CollectionProgress record() {
    return (done, total, r) -> progress.add(done + "/" + total + " " + r.asset());
  }

  @Test
  void atMostTheBoundIsInFlightAndEachEndStartsTheNext() throws Exception {
    ManualExecutor ex = new ManualExecutor();
    var all = new InventoryCollector(ex, blocking, clock, Duration.ofSeconds(5), 3).collectAll(assets(5), Map.of(), record());

    assertThat(ex.started).extracting(s -> s.request().target().name()).containsExactly("host-0", "host-1", "host-2");
    ex.get(1).finish(PLAN9); // host-1 ends (unknown OS): host-3 starts
    assertThat(ex.started).hasSize(4);
    assertThat(ex.get(3).request().target().name()).isEqualTo("host-3");
    assertThat(progress).containsExactly("1/5 host-1");

    ex.get(0).finish(Files.readString(InventoryCollectorTest.fixture("os-release/debian-12")));
    // host-0 went on to its listing: still in flight, so nothing new starts.
    assertThat(ex.started).hasSize(5);
    assertThat(ex.get(4).request().target().name()).isEqualTo("host-0");
    assertThat(ex.pending()).isEqualTo(3);

    ex.get(4).future().complete(new ActionResult(ActionResult.NO_EXIT, "", true, Duration.ofSeconds(5), null));
    ex.get(2).finish(PLAN9);
    ex.get(3).finish(PLAN9);
    ex.get(5).finish(PLAN9);
    List<CollectionResult> results = all.get(5, TimeUnit.SECONDS);

    assertThat(results).extracting(CollectionResult::asset).containsExactly("host-0", "host-1", "host-2", "host-3", "host-4");
    assertThat(results.get(0).failure()).contains("host-0: listing dpkg packages: timed out after 5000 ms (killed)");
    assertThat(progress).containsExactly("1/5 host-1", "2/5 host-0", "3/5 host-2", "4/5 host-3", "5/5 host-4");
  }

  @Test
  void cancellingTheBatchCancelsWhatIsInFlightAndStartsNothingMore() throws Exception {
    ManualExecutor ex = new ManualExecutor();
    var all = new InventoryCollector(ex, blocking, clock, Duration.ofSeconds(5), 2).collectAll(assets(6), Map.of(), record());
    assertThat(ex.started).hasSize(2);

    all.cancel(true);

    assertThat(ex.get(0).future()).isCancelled();
    assertThat(ex.get(1).future()).isCancelled();
    assertThat(ex.started).as("no asset starts after the cancel").hasSize(2);
    assertThat(progress).as("cancelled actions are not reported as results").isEmpty();
  }

  @Test
  void cancellingOneCollectionStopsItBeforeItsNextCommand() throws Exception {
    ManualExecutor ex = new ManualExecutor();
    var one = new InventoryCollector(ex, blocking, clock).collect(InventoryCollectorTest.asset("web-1"), Map.of());
    one.cancel(true);
    assertThat(ex.get(0).future()).isCancelled();
    ex.get(0).finish(Files.readString(InventoryCollectorTest.fixture("os-release/debian-12")));
    assertThat(ex.started).hasSize(1);
  }

  @Test
  void assetsThatFailAtOnceDoNotNestTheStack() throws Exception {
    // An executor that refuses every asset synchronously (as ssh does for a malformed address).
    TargetExecutor refusing = new TargetExecutor() {
      @Override public String type() { return "ssh"; }

      @Override public ActionResult run(ActionRequest request, Consumer<ProcessRef> started) {
        throw new UnsupportedOperationException();
      }

      @Override public CompletableFuture<ActionResult> start(ActionRequest request, Consumer<ProcessRef> s, ExecutorService b) {
        return CompletableFuture.completedFuture(ActionResult.failed("asset " + request.target().name() + " has no address",
            Duration.ZERO));
      }
    };
    int n = 50_000;
    List<Integer> dones = new ArrayList<>();
    var holder = new java.util.concurrent.atomic.AtomicReference<Object>();
    // A small stack (256 KiB), so that a recursive start-next-on-completion would overflow here.
    Thread small = new Thread(null, () -> {
      try {
        holder.set(new InventoryCollector(refusing, blocking, clock).collectAll(assets(n), Map.of(),
            (done, total, r) -> dones.add(done)).join());
      } catch (Throwable t) {
        holder.set(t);
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join(20_000);
    assertThat(holder.get()).isInstanceOf(List.class);
    @SuppressWarnings("unchecked")
    List<CollectionResult> results = (List<CollectionResult>) holder.get();
    assertThat(results).hasSize(n).allMatch(r -> !r.ok());
    assertThat(results.get(n - 1).failure()).contains("host-49999: reading os-release: asset host-49999 has no address");
    assertThat(dones).hasSize(n);
    for (int i = 0; i < n; i++) assertThat(dones.get(i)).isEqualTo(i + 1);
  }

  @Test
  void aThrowingProgressListenerDoesNotLoseResults() throws Exception {
    ManualExecutor ex = new ManualExecutor();
    var all = new InventoryCollector(ex, blocking, clock).collectAll(assets(2), Map.of(), (d, t, r) -> {
      throw new IllegalStateException("display closed");
    });
    ex.get(0).finish(PLAN9);
    ex.get(1).finish(PLAN9);
    assertThat(all.get(5, TimeUnit.SECONDS)).hasSize(2);
  }

  @Test
  void anEmptyListCompletesAtOnceAndDuplicateNamesAreRefused() {
    assertThat(new InventoryCollector(new ManualExecutor(), blocking, clock).collectAll(List.of(), Map.of(), null))
        .isCompletedWithValue(List.of());
    List<Asset> twice = List.of(InventoryCollectorTest.asset("a"), InventoryCollectorTest.asset("b"), InventoryCollectorTest.asset("a"));
    assertThatThrownBy(() -> new InventoryCollector(new ManualExecutor(), blocking, clock).collectAll(twice, Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("assets[2]: asset a is listed twice");
    assertThatThrownBy(() -> new InventoryCollector(new ManualExecutor(), blocking, clock, Duration.ZERO, 1))
        .hasMessageContaining("commandTimeout must be positive");
    assertThatThrownBy(() -> new InventoryCollector(new ManualExecutor(), blocking, clock, Duration.ofSeconds(1), 0))
        .hasMessageContaining("maxInFlight must be at least 1");
  }

  @Test
  void realProcessesForManyAssetsRespectTheBound() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-query")), "no dpkg-query");
    LocalProcessExecutor ex = new LocalProcessExecutor();
    List<CollectionResult> results = new InventoryCollector(ex, blocking, clock, Duration.ofSeconds(60), 3)
        .collectAllAndWait(assets(12), Map.of(), record());

    assertThat(results).allSatisfy(r -> assertThat(r.failure()).isEmpty());
    assertThat(results).extracting(r -> r.snapshot().orElseThrow().packageCount()).containsOnly(results.get(0).snapshot().orElseThrow().packageCount());
    assertThat(ex.maxRunning.get()).isBetween(1, 3);
    assertThat(progress).hasSize(12).last().asString().startsWith("12/12 ");
  }
}
