package dev.suture.store;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.model.Patch;
import dev.suture.core.plan.Plan;
import dev.suture.core.port.Fence;
import dev.suture.core.port.Incident;
import dev.suture.core.port.LeaseLostException;
import dev.suture.core.port.RolloutStore;
import dev.suture.core.rollout.ControlVerb;
import dev.suture.core.rollout.Rollout;
import dev.suture.core.rollout.RolloutState;
import dev.suture.core.rollout.StageRun;
import dev.suture.core.rollout.StageState;
import dev.suture.core.rollout.TargetRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Rollouts, stage runs and target runs. Every engine write first touches the rollout row with
 * {@code WHERE lock_version = ? AND owner = ?}; zero rows means the lease moved on, and the whole
 * transaction (including its audit records) is rolled back.
 */
public final class JdbcRolloutStore implements RolloutStore {
  static final String DRIVEN = "('SCHEDULED','WAITING_FOR_WINDOW','RUNNING','PAUSED','ROLLING_BACK')";

  private final Jdbc jdbc;
  private final Clock clock;
  private final DocumentParser parser;
  private final IncidentRepository incidents;

  JdbcRolloutStore(Jdbc jdbc, Clock clock, DocumentParser parser) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.parser = parser;
    this.incidents = new IncidentRepository(jdbc, clock);
  }

  @Override public void create(Rollout r, List<TargetRun> targets, AuditRecord audit) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollouts (id, plan_name, patch_id, plan_yaml, patch_yaml, state, "
          + "stage_index, halt_reason, control, created_at, updated_at, owner, lease_until, lock_version) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, NULL, 0)")) {
        ps.setString(1, r.id());
        ps.setString(2, r.plan().name());
        ps.setString(3, r.patch().id());
        ps.setString(4, r.planYaml());
        ps.setString(5, r.patchYaml());
        ps.setString(6, r.state().name());
        ps.setInt(7, r.stageIndex());
        Jdbc.setTime(ps, 8, r.createdAt());
        Jdbc.setTime(ps, 9, r.updatedAt());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO stage_runs (rollout_id, idx, type, state, summary, started_at, ended_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (StageRun s : r.stages()) {
          ps.setString(1, r.id());
          ps.setInt(2, s.index());
          ps.setString(3, s.type());
          ps.setString(4, s.state().name());
          ps.setString(5, s.summary());
          Jdbc.setTime(ps, 6, s.startedAt());
          Jdbc.setTime(ps, 7, s.endedAt());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      TargetRows.insert(c, targets);
      AuditAppender.append(c, List.of(audit), clock.instant());
      return null;
    });
  }

  @Override public Optional<Rollout> find(String id) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rollouts WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rollout(c, rs)) : Optional.empty();
        }
      }
    });
  }

  @Override public List<Rollout> list(int limit) {
    return jdbc.read(c -> {
      List<Rollout> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rollouts ORDER BY created_at DESC, id DESC LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(rollout(c, rs));
        }
      }
      return out;
    });
  }

  private Rollout rollout(Connection c, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    String planYaml = rs.getString("plan_yaml");
    String patchYaml = rs.getString("patch_yaml");
    Plan plan = parser.parse("rollout/" + id + "/plan", planYaml).get(0).as(Plan.class);
    Patch patch = parser.parse("rollout/" + id + "/patch", patchYaml).get(0).as(Patch.class);
    String control = rs.getString("control");
    return new Rollout(id, plan, planYaml, patch, patchYaml, RolloutState.valueOf(rs.getString("state")), rs.getInt("stage_index"),
        stages(c, id), Optional.ofNullable(control).map(ControlVerb::valueOf), rs.getString("halt_reason"),
        Jdbc.time(rs, "created_at"), Jdbc.time(rs, "updated_at"), rs.getLong("lock_version"));
  }

  private static List<StageRun> stages(Connection c, String id) throws SQLException {
    List<StageRun> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM stage_runs WHERE rollout_id = ? ORDER BY idx")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          out.add(new StageRun(rs.getInt("idx"), rs.getString("type"), StageState.valueOf(rs.getString("state")),
              rs.getString("summary"), Jdbc.time(rs, "started_at"), Jdbc.time(rs, "ended_at")));
      }
    }
    return out;
  }

  @Override public List<TargetRun> targets(String rolloutId) {
    return jdbc.read(c -> TargetRows.select(c, rolloutId));
  }

  @Override public List<String> claimable(String owner, Instant now, int limit) {
    return jdbc.read(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rollouts WHERE (state IN " + DRIVEN
          + " OR (state = 'HALTED' AND control IN ('ABORT', 'ROLLBACK'))) AND (owner IS NULL OR lease_until < ? OR owner = ?) "
          + "ORDER BY created_at LIMIT ?")) {
        Jdbc.setTime(ps, 1, now);
        ps.setString(2, owner);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) ids.add(rs.getString(1));
        }
      }
      return ids;
    });
  }

  /** Compare-and-set on the lease: one statement, so two racing nodes cannot both win. */
  @Override public Optional<Fence> claim(String id, String owner, Instant now, Instant leaseUntil) {
    return jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET owner = ?, lease_until = ?, lock_version = lock_version + 1 "
          + "WHERE id = ? AND (state IN " + DRIVEN + " OR (state = 'HALTED' AND control IN ('ABORT', 'ROLLBACK'))) "
          + "AND (owner IS NULL OR lease_until < ? OR owner = ?)")) {
        ps.setString(1, owner);
        Jdbc.setTime(ps, 2, leaseUntil);
        ps.setString(3, id);
        Jdbc.setTime(ps, 4, now);
        ps.setString(5, owner);
        if (ps.executeUpdate() == 0) return Optional.<Fence>empty();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT lock_version FROM rollouts WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return Optional.of(new Fence(id, owner, rs.getLong(1)));
        }
      }
    });
  }

  @Override public void renew(Fence fence, Instant leaseUntil) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET lease_until = ? WHERE id = ? AND lock_version = ? AND owner = ?")) {
        Jdbc.setTime(ps, 1, leaseUntil);
        bindFence(ps, 2, fence);
        if (ps.executeUpdate() == 0) throw new LeaseLostException(fence);
      }
      return null;
    });
  }

  @Override public void release(Fence fence) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET owner = NULL, lease_until = NULL WHERE id = ? AND lock_version = ? AND owner = ?")) {
        bindFence(ps, 1, fence);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override public void save(Fence fence, Rollout r, Collection<AuditRecord> audit) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET state = ?, stage_index = ?, halt_reason = ?, updated_at = ? "
          + "WHERE id = ? AND lock_version = ? AND owner = ?")) {
        ps.setString(1, r.state().name());
        ps.setInt(2, r.stageIndex());
        ps.setString(3, r.haltReason());
        Jdbc.setTime(ps, 4, r.updatedAt());
        bindFence(ps, 5, fence);
        if (ps.executeUpdate() == 0) throw new LeaseLostException(fence);
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE stage_runs SET state = ?, summary = ?, started_at = ?, ended_at = ? "
          + "WHERE rollout_id = ? AND idx = ?")) {
        for (StageRun s : r.stages()) {
          ps.setString(1, s.state().name());
          ps.setString(2, s.summary());
          Jdbc.setTime(ps, 3, s.startedAt());
          Jdbc.setTime(ps, 4, s.endedAt());
          ps.setString(5, r.id());
          ps.setInt(6, s.index());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      AuditAppender.append(c, audit, clock.instant());
      return null;
    });
  }

  @Override public void clearControl(Fence fence, ControlVerb verb) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET control = NULL WHERE control = ? AND id = ? AND lock_version = ? AND owner = ?")) {
        ps.setString(1, verb.name());
        bindFence(ps, 2, fence);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override public void saveTargets(Fence fence, Collection<TargetRun> runs, Collection<AuditRecord> audit) {
    jdbc.tx(c -> {
      fenceCheck(c, fence);
      TargetRows.update(c, runs);
      AuditAppender.append(c, audit, clock.instant());
      return null;
    });
  }

  @Override public void requestControl(String rolloutId, ControlVerb verb, AuditRecord audit) {
    jdbc.tx(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET control = ? WHERE id = ?")) {
        ps.setString(1, verb.name());
        ps.setString(2, rolloutId);
        if (ps.executeUpdate() == 0) throw new dev.suture.core.port.NotFoundException("rollout", rolloutId);
      }
      AuditAppender.append(c, List.of(audit), clock.instant());
      return null;
    });
  }

  @Override public Optional<ControlVerb> control(String rolloutId) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT control FROM rollouts WHERE id = ?")) {
        ps.setString(1, rolloutId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.ofNullable(rs.getString(1)).map(ControlVerb::valueOf) : Optional.<ControlVerb>empty();
        }
      }
    });
  }

  @Override public Incident openIncident(Fence fence, Incident incident, AuditRecord audit) {
    return jdbc.tx(c -> {
      fenceCheck(c, fence);
      return incidents.insert(c, incident, audit);
    });
  }

  @Override public List<Incident> incidents() { return incidents.list(null); }

  @Override public Optional<Incident> incidentFor(String rolloutId) { return incidents.list(rolloutId).stream().findFirst(); }

  private static void fenceCheck(Connection c, Fence fence) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE rollouts SET lock_version = lock_version WHERE id = ? AND lock_version = ? AND owner = ?")) {
      bindFence(ps, 1, fence);
      if (ps.executeUpdate() == 0) throw new LeaseLostException(fence);
    }
  }

  private static void bindFence(PreparedStatement ps, int at, Fence fence) throws SQLException {
    ps.setString(at, fence.rolloutId());
    ps.setLong(at + 1, fence.lockVersion());
    ps.setString(at + 2, fence.owner());
  }
}
