package dev.suture.core.testing;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import dev.suture.core.template.Template;
import dev.suture.core.template.TemplateContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-process fleet for engine tests: executor type "fake" understands the argv
 * ["version"], ["apply", V], ["snapshot"] or ["snapshot", ID] (prints ID), ["restore"],
 * ["delete", ID] and ["health"]. Hosts can be told to fail
 * their apply, to hang, or to turn unhealthy at a given version. It measures its own peak
 * concurrency and counts applies per host.
 */
public final class FakeFleet implements TargetExecutor {
  public final Map<String, String> versions = new ConcurrentHashMap<>();
  public final Map<String, String> snapshots = new ConcurrentHashMap<>();
  /** "host:ID" of every snapshot deleted with ["delete", ID]. */
  public final Set<String> deletedSnapshots = ConcurrentHashMap.newKeySet();
  public final Map<String, AtomicInteger> applies = new ConcurrentHashMap<>();
  /** Applies that changed the version (an interrupted apply changes nothing). */
  public final Map<String, AtomicInteger> effective = new ConcurrentHashMap<>();
  public final Set<String> failApply = ConcurrentHashMap.newKeySet();
  public final Set<String> hangApply = ConcurrentHashMap.newKeySet();
  public final Set<String> badVersions = ConcurrentHashMap.newKeySet();
  public final Set<String> unhealthyHosts = ConcurrentHashMap.newKeySet();
  /** Health answers neither healthy nor unhealthy (exit 3: the command check reports INCONCLUSIVE). */
  public final Set<String> inconclusiveHosts = ConcurrentHashMap.newKeySet();
  /** Health cannot be read (exit 4: the command check reports ERROR). */
  public final Set<String> unreadableHosts = ConcurrentHashMap.newKeySet();
  /** The next N health answers of a host are unhealthy, then it recovers. */
  public final Map<String, AtomicInteger> failHealthTimes = new ConcurrentHashMap<>();
  /** Health checks run per host. */
  public final Map<String, AtomicInteger> healthChecks = new ConcurrentHashMap<>();
  public volatile Duration applyLatency = Duration.ZERO;
  /** Called with the host name as each apply begins (e.g. to move a manual clock at an exact point). */
  public volatile Consumer<String> onApply = host -> {};
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  public final CountDownLatch release = new CountDownLatch(1);

  public FakeFleet host(String name, String version) {
    versions.put(name, version);
    return this;
  }

  public int peakConcurrency() { return peak.get(); }

  public int effectiveApplies(String host) { return effective.getOrDefault(host, new AtomicInteger()).get(); }

  public int applies(String host) { return applies.getOrDefault(host, new AtomicInteger()).get(); }

  @Override public String type() { return "fake"; }

  @Override public ActionResult run(ActionRequest r, Consumer<ProcessRef> started) throws InterruptedException {
    String host = r.target().name();
    String verb = r.argv().get(0);
    switch (verb) {
      case "version":
        return ok(versions.getOrDefault(host, "0"));
      case "snapshot":
        snapshots.put(host, versions.getOrDefault(host, "0"));
        return ok(r.argv().size() > 1 ? "snapshot created\n" + r.argv().get(1) + "\n" : "");
      case "delete":
        deletedSnapshots.add(host + ":" + r.argv().get(1));
        return ok("");
      case "restore":
        if (!snapshots.containsKey(host)) return new ActionResult(1, "no snapshot", false, Duration.ZERO, null);
        versions.put(host, snapshots.get(host));
        return ok("");
      case "health":
        healthChecks.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        if (unreadableHosts.contains(host)) return new ActionResult(4, "health endpoint unreachable", false, Duration.ZERO, null);
        if (inconclusiveHosts.contains(host)) return new ActionResult(3, "no traffic to judge", false, Duration.ZERO, null);
        AtomicInteger times = failHealthTimes.get(host);
        if (times != null && times.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return new ActionResult(1, "unhealthy (transient)", false, Duration.ZERO, null);
        boolean bad = unhealthyHosts.contains(host) || badVersions.contains(versions.getOrDefault(host, "0"));
        return bad ? new ActionResult(1, "unhealthy", false, Duration.ZERO, null) : ok("UP");
      case "fail":
        return new ActionResult(1, "always fails", false, Duration.ZERO, null);
      case "apply":
        return apply(r, host);
      default:
        return new ActionResult(127, "unknown verb " + verb, false, Duration.ZERO, null);
    }
  }

  private ActionResult apply(ActionRequest r, String host) throws InterruptedException {
    applies.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
    onApply.accept(host);
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    try {
      if (hangApply.contains(host)) {
        // Stands in for a hung process: the executor contract says the adapter enforces the timeout.
        boolean released = release.await(r.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!released) return new ActionResult(ActionResult.NO_EXIT, "", true, r.timeout(), null);
      }
      if (!applyLatency.isZero()) Thread.sleep(applyLatency.toMillis());
      if (failApply.contains(host)) return new ActionResult(2, "E: package install failed", false, Duration.ZERO, null);
      versions.put(host, r.argv().get(1));
      effective.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
      return ok("installed " + r.argv().get(1));
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static ActionResult ok(String out) { return new ActionResult(0, out, false, Duration.ZERO, null); }

  /** A "command" check runner for the fake fleet: runs argv through the plan's executor. */
  public static final class CommandCheck implements CheckRunner {
    @Override public String type() { return "command"; }

    @Override public CheckResult run(CheckSpec check, TemplateContext ctx, ExecutorHandle executor) throws InterruptedException {
      var probe = (CheckSpec.Command) check.probe();
      ActionResult r = executor.run(Template.render(probe.argv(), ctx), probe.timeout());
      if (r.ok()) return CheckResult.pass(check.name(), "ok");
      if (r.exitCode() == 3) return CheckResult.inconclusive(check.name(), r.describe());
      if (r.exitCode() == 4) return CheckResult.error(check.name(), r.describe());
      return CheckResult.fail(check.name(), r.describe());
    }
  }
}
