package dev.suture.server.metrics;

import dev.suture.core.metrics.ProgrammeMetrics;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.plan.TargetSelector;
import dev.suture.core.rollout.Rollout;
import dev.suture.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rollout's own copy of its patch and plan says, parsed once: both are frozen when the
 * rollout is created, so the cache never goes stale and a metrics pass parses only new rollouts.
 */
final class RolloutCache {
  private static final Logger log = LoggerFactory.getLogger(RolloutCache.class);

  /** Priority, kind, links, whether the plan has probes (M8), its selector (M5). Nulls when the row could not be read. */
  record Static(Priority priority, PatchKind kind, List<String> cves, List<String> tickets, boolean hasProbes, TargetSelector selector) {
    static final Static UNREADABLE = new Static(null, null, List.of(), List.of(), false, null);

    static Static of(Rollout r) {
      return new Static(r.patch().priority(), r.patch().kind(), r.patch().cves(), r.patch().tickets(),
          ProgrammeMetrics.hasProbes(r.plan()), r.plan().targets());
    }
  }

  private final Store store;
  private final Map<String, Static> cache = new ConcurrentHashMap<>();

  RolloutCache(Store store) { this.store = store; }

  Static get(String rolloutId) {
    return cache.computeIfAbsent(rolloutId, id -> {
      try {
        return store.rollouts().find(id).map(Static::of).orElse(Static.UNREADABLE);
      } catch (RuntimeException e) {
        // A row written by an older version whose YAML no longer parses: counted with unknown
        // priority and no probes rather than failing every metrics pass.
        log.warn("programme metrics: rollout {} could not be read ({}); counted with unknown priority and kind", id, e.toString());
        return Static.UNREADABLE;
      }
    });
  }

  Optional<Static> peek(String rolloutId) { return Optional.ofNullable(cache.get(rolloutId)); }
}
