package dev.suture.store;

import dev.suture.core.change.Approval;
import dev.suture.core.change.ChangeDraft;
import dev.suture.core.change.ChangeRequest;
import dev.suture.core.change.ChangeState;
import dev.suture.core.change.ChangeType;
import dev.suture.core.change.Rejection;
import dev.suture.core.change.Review;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Row mapping for change requests: one column list, so insert, update and read cannot drift apart. */
final class ChangeRows {
  static final String COLUMNS = "type, state, patch_id, plan_name, requester, title, justification, freeze_override, approved_at, "
      + "rejected_by, rejected_at, rejection_reason, review_due, review_done_by, review_done_at, review_notes, review_overdue_at, "
      + "rollout_id, created_at, updated_at";
  static final int COLUMN_COUNT = COLUMNS.split(", ").length;

  private ChangeRows() {}

  /** Binds {@link #COLUMNS} from index 1; returns the next free index. */
  static int bind(PreparedStatement ps, ChangeRequest cr) throws SQLException {
    ChangeDraft d = cr.draft();
    Rejection rej = cr.rejection();
    Review rev = cr.review();
    int i = 1;
    ps.setString(i++, d.type().name());
    ps.setString(i++, cr.state().name());
    ps.setString(i++, d.patchId());
    ps.setString(i++, d.planName());
    ps.setString(i++, d.requester());
    ps.setString(i++, d.title());
    ps.setString(i++, d.justification());
    ps.setString(i++, d.freezeOverride());
    Jdbc.setTime(ps, i++, cr.approvedAt());
    ps.setString(i++, rej == null ? null : rej.by());
    Jdbc.setTime(ps, i++, rej == null ? null : rej.at());
    ps.setString(i++, rej == null ? null : rej.reason());
    Jdbc.setTime(ps, i++, rev == null ? null : rev.due());
    ps.setString(i++, rev == null ? null : rev.doneBy());
    Jdbc.setTime(ps, i++, rev == null ? null : rev.doneAt());
    ps.setString(i++, rev == null ? null : rev.notes());
    Jdbc.setTime(ps, i++, rev == null ? null : rev.overdueFlaggedAt());
    ps.setString(i++, cr.rolloutId());
    Jdbc.setTime(ps, i++, cr.createdAt());
    Jdbc.setTime(ps, i++, cr.updatedAt());
    return i;
  }

  /** Approvals only ever grow and the row is version-fenced, so rewriting them all is safe and simple. */
  static void writeApprovals(Connection c, ChangeRequest cr) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM change_approvals WHERE change_request_id = ?")) {
      ps.setString(1, cr.id());
      ps.executeUpdate();
    }
    if (cr.approvals().isEmpty()) return;
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO change_approvals (change_request_id, seq, approver, approved_at, comment) "
        + "VALUES (?, ?, ?, ?, ?)")) {
      int seq = 0;
      for (Approval a : cr.approvals()) {
        ps.setString(1, cr.id());
        ps.setInt(2, seq++);
        ps.setString(3, a.approver());
        Jdbc.setTime(ps, 4, a.at());
        ps.setString(5, a.comment());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static ChangeRequest read(Connection c, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    TreeSet<String> envs = new TreeSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT environment FROM change_request_environments WHERE change_request_id = ?")) {
      ps.setString(1, id);
      try (ResultSet e = ps.executeQuery()) {
        while (e.next()) envs.add(e.getString(1));
      }
    }
    List<Approval> approvals = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM change_approvals WHERE change_request_id = ? ORDER BY seq")) {
      ps.setString(1, id);
      try (ResultSet a = ps.executeQuery()) {
        while (a.next()) approvals.add(new Approval(a.getString("approver"), Jdbc.time(a, "approved_at"), a.getString("comment")));
      }
    }
    ChangeDraft draft = new ChangeDraft(ChangeType.valueOf(rs.getString("type")), rs.getString("patch_id"), rs.getString("plan_name"),
        rs.getString("requester"), rs.getString("title"), rs.getString("justification"), envs, rs.getString("freeze_override"));
    String rejectedBy = rs.getString("rejected_by");
    Rejection rejection = rejectedBy == null ? null : new Rejection(rejectedBy, Jdbc.time(rs, "rejected_at"), rs.getString("rejection_reason"));
    var due = Jdbc.time(rs, "review_due");
    Review review = due == null ? null : new Review(due, rs.getString("review_done_by"), Jdbc.time(rs, "review_done_at"),
        rs.getString("review_notes"), Jdbc.time(rs, "review_overdue_at"));
    return new ChangeRequest(id, draft, ChangeState.valueOf(rs.getString("state")), approvals, Jdbc.time(rs, "approved_at"), rejection,
        review, rs.getString("rollout_id"), Jdbc.time(rs, "created_at"), Jdbc.time(rs, "updated_at"), rs.getLong("lock_version"));
  }
}
