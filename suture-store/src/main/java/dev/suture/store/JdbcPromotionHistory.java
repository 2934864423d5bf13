package dev.suture.store;

import dev.suture.core.change.PromotionHistory;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.model.Patch;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Where a patch succeeded, read from the rollouts themselves rather than from a table written
 * beside them: a SUCCEEDED rollout of the patch, joined to its target runs that ended HEALTHY or
 * SKIPPED (already at version), gives the environments from each target's frozen asset. This
 * needs no second write after a rollout is created (which a crash between two transactions could
 * lose), counts rollouts however they were started, and never credits an environment whose
 * targets all failed inside an error budget. The patch version comes from the rollout's own copy
 * of the patch, so re-publishing a patch under the same name does not inherit old evidence.
 * A SUCCEEDED rollout is terminal, so its updated_at is when it succeeded.
 */
public final class JdbcPromotionHistory implements PromotionHistory {
  private final Jdbc jdbc;
  private final DocumentParser parser;

  JdbcPromotionHistory(Jdbc jdbc, DocumentParser parser) {
    this.jdbc = jdbc;
    this.parser = parser;
  }

  /** On a database {@link Store} has already migrated. */
  public static JdbcPromotionHistory on(DataSource ds, DocumentParser parser) { return new JdbcPromotionHistory(new Jdbc(ds), parser); }

  @Override public List<Success> successes(String patchId) {
    return jdbc.read(c -> {
      List<Success> out = new ArrayList<>();
      Map<String, String> versions = new HashMap<>();
      Set<String> seen = new HashSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.patch_yaml, r.updated_at, t.asset_json FROM rollouts r "
          + "JOIN target_runs t ON t.rollout_id = r.id WHERE r.patch_id = ? AND r.state = 'SUCCEEDED' AND t.state IN ('HEALTHY', 'SKIPPED') "
          + "ORDER BY r.updated_at, r.id")) {
        ps.setString(1, patchId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String rollout = rs.getString("id");
            String env = AssetCodec.decode(rs.getString("asset_json")).environment();
            if (!seen.add(rollout + "\n" + env)) continue;
            String yaml = rs.getString("patch_yaml");
            String version = versions.computeIfAbsent(rollout, id ->
                parser.parse("rollout/" + id + "/patch", yaml).get(0).as(Patch.class).version());
            out.add(new Success(env, version, rollout, Jdbc.time(rs, "updated_at")));
          }
        }
      }
      return out;
    });
  }
}
