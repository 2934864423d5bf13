package dev.suture.store;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.registry.PatchFields;
import dev.suture.core.registry.PatchRecord;
import dev.suture.core.registry.PatchRef;
import dev.suture.core.registry.SlaPolicy;
import dev.suture.core.registry.TransitionRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The patch registry on JDBC. Every mutation writes the record, its new timeline lines and its
 * audit event in one transaction; writes are fenced by the row's {@code version} so two people
 * moving the same record at once cannot both win.
 */
public final class JdbcPatchRegistry {
  /** The actor the SLA sweep records: no person decided the breach, the clock did. */
  public static final String SWEEP_ACTOR = "system:sla";
  /** SQLSTATE for a unique/primary key violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** A record found unmet past its due time by the sweep. */
  private record Overdue(String patchId, String priority, String status, Instant due) {}

  private final Jdbc jdbc;
  private final Clock clock;
  private final SlaPolicy policy;

  private JdbcPatchRegistry(Jdbc jdbc, Clock clock, SlaPolicy policy) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.policy = policy;
  }

  /** On a data source already migrated by {@link Store} (which owns the schema). */
  public static JdbcPatchRegistry on(DataSource ds, Clock clock, SlaPolicy policy) {
    return new JdbcPatchRegistry(new Jdbc(ds), clock, policy);
  }

  public SlaPolicy policy() { return policy; }

  public PatchRecord create(PatchRef ref, PatchFields fields, String actor, String note) {
    PatchRecord record = PatchRecord.create(ref, fields, actor, clock.instant(), note).withVersion(1);
    return jdbc.tx(c -> {
      if (!RegistryRows.select(c, ref.patchId(), true).isEmpty()) throw alreadyRegistered(ref.patchId());
      try {
        RegistryRows.insert(c, record);
      } catch (SQLException e) {
        // Two creators raced past the check above: the primary key decides, the loser gets a 409.
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) throw alreadyRegistered(ref.patchId());
        throw e;
      }
      AuditAppender.append(c, List.of(AuditRecord.of(actor, "registry.created", subject(record.patchId()), "priority",
          ref.priority().name(), "tickets", ref.tickets(), "cves", ref.cves(), "missing",
          record.fields().missing().stream().map(p -> p.field()).toList())), clock.instant());
      return record;
    });
  }

  public Optional<PatchRecord> find(String patchId) {
    return jdbc.read(c -> RegistryRows.select(c, patchId, false).stream().findFirst());
  }

  public List<PatchRecord> list() { return jdbc.read(c -> RegistryRows.select(c, null, false)); }

  /** Applies {@code t} to the current record: draft edits first, then the status change. */
  public PatchRecord transition(String patchId, TransitionRequest t, String actor) {
    return jdbc.tx(c -> {
      PatchRecord current = RegistryRows.select(c, patchId, true).stream().findFirst()
          .orElseThrow(() -> new NotFoundException("registry record", patchId));
      if (t.expectedVersion() != null && t.expectedVersion() != current.version())
        throw new ConflictException("patch " + patchId + " is at version " + current.version() + ", not " + t.expectedVersion()
            + ": someone changed it; reload and retry");
      Instant now = clock.instant();
      PatchRecord base = t.ref() == null ? current : current.withRef(t.ref());
      PatchRecord next = base.edit(t.edits()).transitionTo(t.to(), actor, now, t.note(), policy).withVersion(current.version() + 1);
      if (!RegistryRows.update(c, next, current.version(), current.timeline().size()))
        throw new ConflictException("patch " + patchId + " changed while it was being updated; retry");
      AuditAppender.append(c, List.of(AuditRecord.of(actor, "registry.transition", subject(patchId), "from", current.status().name(),
          "to", next.status().name(), "note", t.note(), "version", next.version(), "due", next.due() == null ? null : next.due().toString(),
          "edited", !t.edits().isEmpty())), now);
      return next;
    });
  }

  /**
   * Marks every record whose due time has passed unmet and appends {@code sla.breached} for it,
   * once: the conditional update is what makes it once, even with two nodes sweeping at the same
   * moment (the loser updates zero rows and appends nothing). A record finished at or after its
   * due time while nobody swept (server down) is caught here too.
   */
  public int sweepBreaches() {
    Instant now = clock.instant();
    return jdbc.tx(c -> {
      List<Overdue> due = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT patch_id, priority, status, due_at FROM patch_registry "
          + "WHERE sla_breached_at IS NULL AND due_at IS NOT NULL AND due_at <= ? AND (finished_at IS NULL OR finished_at >= due_at) "
          + "ORDER BY due_at, patch_id")) {
        Jdbc.setTime(ps, 1, now);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next())
            due.add(new Overdue(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.time(rs, "due_at")));
        }
      }
      int marked = 0;
      for (Overdue r : due) marked += markBreached(c, r, now) ? 1 : 0;
      return marked;
    });
  }

  private boolean markBreached(Connection c, Overdue r, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE patch_registry SET sla_breached_at = ? WHERE patch_id = ? "
        + "AND sla_breached_at IS NULL")) {
      Jdbc.setTime(ps, 1, now);
      ps.setString(2, r.patchId());
      if (ps.executeUpdate() == 0) return false;
    }
    AuditAppender.append(c, List.of(AuditRecord.of(SWEEP_ACTOR, "sla.breached", subject(r.patchId()), "priority", r.priority(),
        "status", r.status(), "due", r.due().toString())), now);
    return true;
  }

  public static String subject(String patchId) { return "registry/" + patchId; }

  private static ConflictException alreadyRegistered(String patchId) {
    return new ConflictException("patch " + patchId + " is already in the registry");
  }
}
