package dev.suture.bench;

import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-process fleet for benchmarks: executor type "simulated". Understands the argv
 * ["version"], ["apply", V] and ["rollback"] (back to the initial version); every call sleeps for the configured latency (fixed, or uniform
 * jitter around it) so that the engine's threads behave as they would waiting on a remote host.
 *
 * <p>Randomness is drawn from a generator seeded per call from (seed, target, action, attempt), so
 * which applies fail and how long each call takes depend neither on thread scheduling nor on the
 * (random) rollout id: two runs with the same seed fail the same targets.
 */
public final class SimulatedExecutor implements TargetExecutor {
  public static final String TYPE = "simulated";

  private final Map<String, String> versions = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> applies = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong rollbacks = new AtomicLong();
  private final long latencyMillis;
  private final long jitterMillis;
  private final double failureRate;
  private final long seed;
  private final String initialVersion;

  /**
   * @param latencyMillis mean latency of every call
   * @param jitterMillis  each call takes latency ± jitter (uniform); 0 for a fixed latency
   * @param failureRate   probability that an apply fails (exit 2, version unchanged)
   * @param initialVersion what "version" answers for a target that was never patched
   */
  public SimulatedExecutor(long latencyMillis, long jitterMillis, double failureRate, long seed, String initialVersion) {
    if (latencyMillis < 0 || jitterMillis < 0 || jitterMillis > latencyMillis)
      throw new IllegalArgumentException("need 0 <= jitter <= latency, got latency " + latencyMillis + " ms, jitter " + jitterMillis + " ms");
    if (failureRate < 0 || failureRate > 1) throw new IllegalArgumentException("failure rate must be within 0..1, got " + failureRate);
    this.latencyMillis = latencyMillis;
    this.jitterMillis = jitterMillis;
    this.failureRate = failureRate;
    this.seed = seed;
    this.initialVersion = initialVersion;
  }

  @Override public String type() { return TYPE; }

  @Override public ActionResult run(ActionRequest request, Consumer<ProcessRef> started) throws InterruptedException {
    calls.incrementAndGet();
    SplittableRandom random = randomFor(request.key());
    long delay = latencyMillis + (jitterMillis == 0 ? 0 : random.nextLong(-jitterMillis, jitterMillis + 1));
    // The executor contract: the adapter enforces the timeout itself.
    if (delay > request.timeout().toMillis()) {
      Thread.sleep(request.timeout().toMillis());
      return new ActionResult(ActionResult.NO_EXIT, "", true, request.timeout(), null);
    }
    if (delay > 0) Thread.sleep(delay);
    String host = request.target().name();
    String verb = request.argv().get(0);
    if (verb.equals("version") && request.argv().size() == 1) return ok(versions.getOrDefault(host, initialVersion), delay);
    if (verb.equals("apply") && request.argv().size() == 2) {
      applies.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
      if (random.nextDouble() < failureRate)
        return new ActionResult(2, "E: simulated apply failure", false, Duration.ofMillis(delay), null);
      versions.put(host, request.argv().get(1));
      return ok("installed " + request.argv().get(1), delay);
    }
    if (verb.equals("rollback") && request.argv().size() == 1) {
      rollbacks.incrementAndGet();
      versions.remove(host);
      return ok("rolled back to " + initialVersion, delay);
    }
    return new ActionResult(127, "simulated executor: unknown argv " + request.argv(), false, Duration.ofMillis(delay), null);
  }

  /**
   * Deterministic per (seed, target, action, attempt), whatever thread asks. The key is hashed
   * with FNV-1a first: seeding with a plain 31-based hash of similar names gave correlated
   * generators that failed far fewer applies than the configured rate.
   */
  private SplittableRandom randomFor(ActionKey key) {
    String k = key.target() + "/" + key.action() + "/" + key.attempt();
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < k.length(); i++) {
      h ^= k.charAt(i);
      h *= 0x100000001b3L;
    }
    return new SplittableRandom(h);
  }

  /** How often {@code host} was told to apply (whatever the outcome). */
  public int applies(String host) {
    AtomicInteger n = applies.get(host);
    return n == null ? 0 : n.get();
  }

  public String version(String host) { return versions.getOrDefault(host, initialVersion); }

  public long calls() { return calls.get(); }

  public long rollbacks() { return rollbacks.get(); }

  private static ActionResult ok(String out, long delayMillis) {
    return new ActionResult(0, out, false, Duration.ofMillis(delayMillis), null);
  }
}
