package dev.suture.core.engine;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.audit.AuditRecord;
import dev.suture.core.json.Json;
import dev.suture.core.plan.SnapshotSpec;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.AuditLog;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.TargetRun;
import dev.suture.core.template.TemplateContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a rollout succeeds, deletes the snapshots each of its targets no longer needs: a target
 * keeps the snapshots of its newest {@code snapshot.retain} rollouts (this one included) and the
 * older ones are deleted with the {@code snapshot.delete} command of the plan that took them,
 * rendered with that rollout's id and {@code {{snapshot.id}}}. Deletions are audited on the old
 * rollout, which is also how a snapshot already deleted is recognised. The {@code files}
 * provider prunes in its own create command and is skipped here.
 */
final class SnapshotRetention {
  private static final Logger log = LoggerFactory.getLogger(SnapshotRetention.class);
  /** How far back retention looks; older rollouts' snapshots are left alone. */
  static final int LOOK_BACK = 500;

  private final Drive drive;
  private final Actions actions;
  private final AuditLog audit;

  SnapshotRetention(Drive drive, Actions actions, AuditLog audit) {
    this.drive = drive;
    this.actions = actions;
    this.audit = audit;
  }

  /** @return how many snapshots were deleted. */
  int run() throws InterruptedException {
    Optional<SnapshotSpec> spec = drive.rollout().plan().snapshot();
    if (spec.isEmpty() || !"command".equals(spec.get().type())) return 0;
    int retain = spec.get().retain();
    Map<String, Integer> kept = new HashMap<>();
    for (TargetRun t : drive.targets(TargetRun::snapshotTaken)) kept.put(t.name(), 1);
    if (kept.isEmpty()) return 0;
    String executorType = drive.rollout().plan().executor().type();
    List<CompletableFuture<Boolean>> deletions = new ArrayList<>();
    for (Rollout old : drive.store.list(LOOK_BACK)) {
      if (old.id().equals(drive.rollout().id()) || !old.state().isTerminal()) continue;
      Optional<SnapshotSpec> oldSpec = old.plan().snapshot();
      if (oldSpec.isEmpty() || !"command".equals(oldSpec.get().type()) || oldSpec.get().delete().isEmpty()
          || !old.plan().executor().type().equals(executorType)) continue;
      Set<String> deleted = deletedTargets(old.id());
      for (TargetRun t : drive.store.targets(old.id())) {
        if (!t.snapshotTaken() || !kept.containsKey(t.name()) || deleted.contains(t.name())) continue;
        if (kept.merge(t.name(), 1, Integer::sum) <= retain) continue;
        deletions.add(delete(old, oldSpec.get(), t));
      }
    }
    int done = 0;
    for (CompletableFuture<Boolean> d : deletions) {
      try {
        if (d.get()) done++;
      } catch (ExecutionException e) {
        log.warn("snapshot deletion raised {}", e.getCause().toString());
      }
    }
    return done;
  }

  private CompletableFuture<Boolean> delete(Rollout old, SnapshotSpec spec, TargetRun t) {
    var context = new TemplateContext(old.id(), old.patch(), t.asset(), t.snapshotId());
    return actions.start(t, context, old.plan().executor().options(), ActionKind.DELETE_SNAPSHOT, spec.delete(), spec.timeout(),
        ref -> {}).thenApply(r -> {
          record(old, t, r);
          return r.ok();
        });
  }

  private void record(Rollout old, TargetRun t, ActionResult r) {
    String subject = "rollout/" + old.id();
    if (r.ok()) {
      log.info("retention: deleted snapshot {} of {} (rollout {})", t.snapshotId(), t.name(), old.id());
      audit.append(List.of(AuditRecord.of(drive.actor, "snapshot.deleted", subject, "target", t.name(), "snapshotId", t.snapshotId(),
          "retention", "newer rollout " + drive.rollout().id())));
    } else {
      log.warn("retention: could not delete snapshot {} of {}: {}", t.snapshotId(), t.name(), r.describe());
      audit.append(List.of(AuditRecord.of(drive.actor, "snapshot.delete_failed", subject, "target", t.name(), "snapshotId",
          t.snapshotId(), "error", r.describe())));
    }
  }

  private Set<String> deletedTargets(String rolloutId) {
    Set<String> out = new HashSet<>();
    for (AuditEvent e : audit.forSubject("rollout/" + rolloutId)) {
      if (!e.action().equals("snapshot.deleted")) continue;
      Object target = Json.readObject(e.details()).get("target");
      if (target != null) out.add(target.toString());
    }
    return out;
  }
}
