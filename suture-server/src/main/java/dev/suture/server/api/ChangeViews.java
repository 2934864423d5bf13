package dev.suture.server.api;

import dev.suture.core.change.Approval;
import dev.suture.core.change.ChangePolicy;
import dev.suture.core.change.ChangeRequest;
import dev.suture.core.change.Review;
import java.time.Instant;
import java.util.List;

/** JSON shapes of /api/v1/change-requests. */
public final class ChangeViews {
  private ChangeViews() {}

  public record SubmitRequest(String type, String patch, String plan, String title, String justification, List<String> environments,
                              String freezeOverride) {}

  public record CommentRequest(String comment) {}

  public record ReasonRequest(String reason) {}

  public record NotesRequest(String notes) {}

  public record ApprovalView(String approver, Instant at, String comment) {
    static ApprovalView of(Approval a) { return new ApprovalView(a.approver(), a.at(), a.comment()); }
  }

  public record QuorumView(int approvals, int needed) {}

  public record RejectionView(String by, Instant at, String reason) {}

  public record ReviewView(Instant due, String status, String doneBy, Instant doneAt, String notes) {
    static ReviewView of(Review r, Instant now) { return new ReviewView(r.due(), r.status(now).name(), r.doneBy(), r.doneAt(), r.notes()); }
  }

  public record ChangeRequestView(String id, String type, String state, String patch, String plan, String requester, String title,
                                  String justification, List<String> environments, String freezeOverride, List<ApprovalView> approvals,
                                  QuorumView quorum, Instant approvedAt, RejectionView rejection, ReviewView review, String rollout,
                                  Instant createdAt, Instant updatedAt, long version) {
    static ChangeRequestView of(ChangeRequest cr, ChangePolicy policy, Instant now) {
      var d = cr.draft();
      int needed = switch (cr.type()) {
        case STANDARD -> 0;
        case NORMAL -> policy.quorum();
        case EMERGENCY -> 1;
      };
      var rej = cr.rejection();
      return new ChangeRequestView(cr.id(), d.type().wireName(), cr.state().name(), d.patchId(), d.planName(), d.requester(), d.title(),
          d.justification(), List.copyOf(d.environments()), d.freezeOverride(), cr.approvals().stream().map(ApprovalView::of).toList(),
          new QuorumView(cr.approvers().size(), needed), cr.approvedAt(),
          rej == null ? null : new RejectionView(rej.by(), rej.at(), rej.reason()),
          cr.review() == null ? null : ReviewView.of(cr.review(), now), cr.rolloutId(), cr.createdAt(), cr.updatedAt(), cr.version());
    }
  }

}
