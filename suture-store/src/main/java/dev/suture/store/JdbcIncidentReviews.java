package dev.suture.store;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.incident.IncidentCase;
import dev.suture.core.incident.IncidentLifecycle;
import dev.suture.core.incident.IncidentState;
import dev.suture.core.incident.Postmortem;
import dev.suture.core.port.Incident;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.registry.FieldProblem;
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
 * Incident lifecycle and post-mortems on the engine's incidents table. Each change locks the
 * incident row, checks the optional expected version, writes, bumps the version and appends its
 * audit event in one transaction.
 */
public final class JdbcIncidentReviews {
  private final Jdbc jdbc;
  private final Clock clock;
  private final IncidentRepository incidents;

  private JdbcIncidentReviews(Jdbc jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.incidents = new IncidentRepository(jdbc, clock);
  }

  /** On a data source already migrated by {@link Store}. */
  public static JdbcIncidentReviews on(DataSource ds, Clock clock) { return new JdbcIncidentReviews(new Jdbc(ds), clock); }

  public List<IncidentCase> list() {
    return jdbc.read(c -> {
      List<IncidentCase> out = new ArrayList<>();
      for (Incident i : incidents.list(null)) load(c, i.id(), false).ifPresent(out::add);
      return out;
    });
  }

  public Optional<IncidentCase> find(String id) { return jdbc.read(c -> load(c, id, false)); }

  /** Moves the incident; CLOSED only with a complete post-mortem (IncidentLifecycle decides). */
  public IncidentCase changeState(String id, IncidentState to, String actor, String note, Long expectedVersion) {
    return jdbc.tx(c -> {
      IncidentCase current = locked(c, id, expectedVersion);
      IncidentState next = IncidentLifecycle.next(id, current.state(), to, current.postmortem());
      long version = bump(c, id, next, current.version());
      Instant now = clock.instant();
      AuditAppender.append(c, List.of(AuditRecord.of(actor, next == IncidentState.CLOSED ? "incident.closed" : "incident.state",
          subject(id), "from", current.state().name(), "to", next.name(), "note", note == null ? "" : note.strip(),
          "version", version)), now);
      return load(c, id, false).orElseThrow();
    });
  }

  /**
   * Saves the post-mortem as written by {@code actor}; with {@code complete} the author declares it
   * done, which is refused (every missing field named) unless it is. A closed incident's
   * post-mortem is part of the record and no longer changes.
   */
  public IncidentCase savePostmortem(String id, Postmortem draft, boolean complete, String actor, Long expectedVersion) {
    return jdbc.tx(c -> {
      IncidentCase current = locked(c, id, expectedVersion);
      if (current.state() == IncidentState.CLOSED) throw new ConflictException("incident " + id + " is closed; its post-mortem is final");
      Instant now = clock.instant();
      Postmortem pm = new Postmortem(id, draft.rootCause(), draft.timeline(), draft.actionItems(), actor, null);
      if (complete) pm = pm.complete(now);
      PostmortemCodec.save(c, pm, now);
      long version = bump(c, id, current.state(), current.version());
      AuditAppender.append(c, List.of(AuditRecord.of(actor, "postmortem.saved", subject(id), "complete", complete,
          "actionItems", pm.actionItems().size(), "missing", pm.problems().stream().map(FieldProblem::field).toList(),
          "version", version)), now);
      return load(c, id, false).orElseThrow();
    });
  }

  private IncidentCase locked(Connection c, String id, Long expectedVersion) throws SQLException {
    IncidentCase current = load(c, id, true).orElseThrow(() -> new NotFoundException("incident", id));
    if (expectedVersion != null && expectedVersion != current.version())
      throw new ConflictException("incident " + id + " is at version " + current.version() + ", not " + expectedVersion
          + ": someone changed it; reload and retry");
    return current;
  }

  private static long bump(Connection c, String id, IncidentState state, long version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE incidents SET state = ?, version = ? WHERE id = ? AND version = ?")) {
      ps.setString(1, state.name());
      ps.setLong(2, version + 1);
      ps.setString(3, id);
      ps.setLong(4, version);
      if (ps.executeUpdate() == 0) throw new ConflictException("incident " + id + " changed while it was being updated; retry");
    }
    return version + 1;
  }

  private Optional<IncidentCase> load(Connection c, String id, boolean forUpdate) throws SQLException {
    String state;
    long version;
    try (PreparedStatement ps = c.prepareStatement("SELECT state, version FROM incidents WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        state = rs.getString(1);
        version = rs.getLong(2);
      }
    }
    Incident incident = incidents.find(c, id).orElseThrow();
    return Optional.of(new IncidentCase(incident, IncidentState.parse("state", state), PostmortemCodec.find(c, id), version));
  }

  public static String subject(String id) { return "incident/" + id; }
}
