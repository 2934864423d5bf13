package dev.suture.core.change;

import dev.suture.core.change.PromotionHistory.Success;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Decides, before a rollout is created, whether it may be: a rollout touching a protected
 * environment needs an APPROVED change request for the same patch and plan that covers its
 * environments, and no environment is patched before the patch succeeded (and soaked) in every
 * environment ahead of it in the promotion order, unless an approved emergency change overrides it.
 */
public final class RolloutAdmission {
  /** What is about to be rolled out: the environments are those of the targets the plan selects. */
  public record Request(String patchId, String patchVersion, String planName, SortedSet<String> environments,
                        Optional<ChangeRequest> change) {
    public Request {
      Objects.requireNonNull(patchId, "patchId");
      Objects.requireNonNull(planName, "planName");
      environments = new TreeSet<>(environments);
      Objects.requireNonNull(change, "change");
    }
  }

  private final PromotionPolicy policy;

  public RolloutAdmission(PromotionPolicy policy) { this.policy = policy; }

  public PromotionPolicy policy() { return policy; }

  public Admission decide(Request req, List<Success> history, Instant now) {
    List<String> refusals = new ArrayList<>();
    req.change().ifPresent(cr -> refusals.addAll(changeMismatches(cr, req)));
    List<String> touchedProtected = req.environments().stream().filter(policy::isProtected).toList();
    if (!touchedProtected.isEmpty() && req.change().isEmpty())
      refusals.add("the rollout touches " + String.join(", ", touchedProtected) + ": an APPROVED change request for patch "
          + req.patchId() + " and plan " + req.planName() + " is required (changeRequest)");
    List<String> order = orderViolations(req, history, now);
    boolean emergency = req.change().filter(cr -> cr.type() == ChangeType.EMERGENCY && cr.state() == ChangeState.APPROVED).isPresent();
    if (order.isEmpty() || emergency && refusals.isEmpty()) return new Admission(refusals, order);
    refusals.addAll(order);
    refusals.add("only an approved emergency change request may override the promotion order");
    return new Admission(refusals, List.of());
  }

  private static List<String> changeMismatches(ChangeRequest cr, Request req) {
    List<String> out = new ArrayList<>();
    if (cr.state() != ChangeState.APPROVED) out.add("change request " + cr.id() + " is " + cr.state() + ", not APPROVED");
    if (!cr.draft().patchId().equals(req.patchId()))
      out.add("change request " + cr.id() + " is for patch " + cr.draft().patchId() + ", not " + req.patchId());
    if (!cr.draft().planName().equals(req.planName()))
      out.add("change request " + cr.id() + " is for plan " + cr.draft().planName() + ", not " + req.planName());
    SortedSet<String> uncovered = new TreeSet<>(req.environments());
    uncovered.removeAll(cr.draft().environments());
    if (!uncovered.isEmpty())
      out.add("change request " + cr.id() + " does not cover environment(s) " + String.join(", ", uncovered)
          + " (it covers " + String.join(", ", cr.draft().environments()) + ")");
    return out;
  }

  /**
   * Soak is counted from the first success in an environment: "monitored for 2 days" means the
   * patch has been in place that long, and a later re-run on one extra host should not reset it.
   * Only successes of the same patch version count: staging evidence about 1.0 says nothing about 1.1.
   */
  private List<String> orderViolations(Request req, List<Success> history, Instant now) {
    List<String> out = new ArrayList<>();
    for (String env : req.environments()) {
      for (String before : policy.ahead(env)) {
        Optional<Success> first = history.stream().filter(s -> s.environment().equals(before))
            .filter(s -> Objects.equals(s.patchVersion(), req.patchVersion())).min(Comparator.comparing(Success::at));
        String patch = "patch " + req.patchId() + (req.patchVersion() == null ? "" : " " + req.patchVersion());
        if (first.isEmpty()) {
          out.add(patch + " has not yet succeeded in " + before + ", which comes before " + env + " in the promotion order");
          continue;
        }
        Instant soakEnd = first.get().at().plus(policy.soakIn(before));
        if (now.isBefore(soakEnd))
          out.add(patch + " succeeded in " + before + " at " + first.get().at() + " (rollout " + first.get().rolloutId()
              + ") but must soak there until " + soakEnd + " before " + env);
      }
    }
    return out;
  }
}
