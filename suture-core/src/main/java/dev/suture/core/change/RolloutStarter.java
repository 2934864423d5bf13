package dev.suture.core.change;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.engine.RolloutEngine;
import dev.suture.core.engine.RolloutRequest;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.plan.Plan;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a rollout only once {@link RolloutAdmission} admits it, then marks its change request
 * IMPLEMENTED. The change request is re-read and fenced by its version when marked, so if it was
 * cancelled (or used by another rollout) between admission and creation, the new rollout is aborted
 * at once rather than left running without an approval.
 */
public final class RolloutStarter {
  private static final Logger log = LoggerFactory.getLogger(RolloutStarter.class);

  private final RolloutEngine engine;
  private final ChangeService changes;
  private final PromotionHistory history;
  private final RolloutAdmission admission;
  private final Clock clock;

  public RolloutStarter(RolloutEngine engine, ChangeService changes, PromotionHistory history, RolloutAdmission admission, Clock clock) {
    this.engine = engine;
    this.changes = changes;
    this.history = history;
    this.admission = admission;
    this.clock = clock;
  }

  /** {@code changeRequestId} may be null or blank when the rollout needs no change request. */
  public Rollout start(RolloutRequest request, String changeRequestId) {
    Plan plan = request.plan().as(Plan.class);
    Patch patch = request.patch().as(Patch.class);
    // The same selection the engine makes; the environments are the targets', not whatever the plan's name suggests.
    TreeSet<String> environments = new TreeSet<>();
    for (Asset a : request.fleet()) if (plan.targets().matches(a)) environments.add(a.environment());
    Optional<ChangeRequest> cr = Optional.empty();
    if (changeRequestId != null && !changeRequestId.isBlank()) {
      try {
        cr = Optional.of(changes.find(changeRequestId.strip()));
      } catch (NotFoundException e) {
        throw new InvalidChangeException("changeRequest", "no change request '" + changeRequestId.strip() + "'");
      }
    }
    Admission decision = admission.decide(new RolloutAdmission.Request(patch.id(), patch.version(), plan.name(), environments, cr),
        history.successes(patch.id()), clock.instant());
    decision.requireAdmitted();
    if (cr.isEmpty()) return engine.create(request);
    // Not driven until its change request is marked: a cancellation in between aborts it before any target is touched.
    Rollout rollout = engine.create(request, false);
    markImplemented(cr.get(), rollout, decision, request.actor());
    engine.drive(rollout.id());
    return rollout;
  }

  private void markImplemented(ChangeRequest cr, Rollout rollout, Admission decision, String actor) {
    try {
      changes.implement(cr.id(), rollout.id(), decision.overrides(), new Actor(actor, EnumSet.noneOf(Role.class)));
    } catch (ConflictException e) {
      log.warn("expected race: change request {} changed while rollout {} was being created ({}); aborting the rollout",
          cr.id(), rollout.id(), e.getMessage());
      try {
        engine.control(rollout.id(), ControlVerb.ABORT, actor);
        engine.drive(rollout.id()); // the driver sees the abort before its first stage: ABORTED, nothing touched
      } catch (ConflictException alreadyOver) {
        log.error("bug or operator race: rollout {} created without a valid change request could not be aborted: {}", rollout.id(),
            alreadyOver.getMessage());
      }
      throw new ConflictException("change request " + cr.id() + " changed while rollout " + rollout.id() + " was being created ("
          + e.getMessage() + "); the rollout was aborted");
    }
  }
}
