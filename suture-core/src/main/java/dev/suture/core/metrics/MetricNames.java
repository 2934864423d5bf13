package dev.suture.core.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exported names (docs/metrics.md), as Prometheus shows them. Each has a one-line help text;
 * the dashboards in deploy/grafana use only these names (a test checks it).
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String M1_LEAD_TIME = "suture_m1_patch_lead_time_seconds";
  public static final String M1_DEPLOYED = "suture_m1_patches_deployed";
  public static final String M2_SUCCESS = "suture_m2_rollout_success_ratio";
  public static final String M2_ENDED = "suture_m2_rollouts_ended";
  public static final String M3_DELTA = "suture_m3_canary_error_delta_ratio";
  public static final String M3_WINDOW = "suture_m3_canary_error_delta_window_ratio";
  public static final String M3_COMPARED = "suture_m3_canary_comparisons";
  public static final String M4_TIME = "suture_m4_time_to_rollback_seconds";
  public static final String M4_COUNT = "suture_m4_rollbacks";
  public static final String M5_COVERAGE = "suture_m5_patch_coverage_ratio";
  public static final String M5_APPLICABLE = "suture_m5_assets_applicable";
  public static final String M5_PATCHED = "suture_m5_assets_patched";
  public static final String M5_WITHOUT_INVENTORY = "suture_m5_assets_without_inventory";
  public static final String M6_MTTP = "suture_m6_mean_time_to_patch_seconds";
  public static final String M6_PATCHES = "suture_m6_patches";
  public static final String M7_INCIDENTS = "suture_m7_post_patch_incidents";
  public static final String M7_PER_100 = "suture_m7_post_patch_incidents_per_100_rollouts";
  public static final String M8_GAP = "suture_m8_observability_gap_ratio";
  public static final String M8_WITHOUT = "suture_m8_rollouts_without_probes";
  public static final String M9_FAILURE = "suture_m9_deployment_failure_ratio";
  public static final String M9_STARTED = "suture_m9_target_runs_started";
  public static final String M9_FAILED = "suture_m9_target_runs_failed";
  public static final String M10_COMPLETE = "suture_m10_audit_completeness_ratio";
  public static final String M10_INCOMPLETE = "suture_m10_rollouts_incomplete";
  public static final String AUDIT_INTACT = "suture_audit_chain_intact";
  public static final String ROLLOUTS = "suture_rollouts";
  public static final String ROLLOUT_TARGETS = "suture_rollout_targets";
  public static final String ROLLOUT_PROGRESS = "suture_rollout_progress_ratio";
  public static final String ROLLOUT_ACTIVE = "suture_rollout_active";
  public static final String COMPUTED_AT = "suture_metrics_computed_timestamp_seconds";
  public static final String WINDOW = "suture_metrics_window_seconds";

  /** Name → help text, in export order. */
  public static final Map<String, String> HELP = help();

  private static Map<String, String> help() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(M1_LEAD_TIME, "M1: registry record proposed to first production rollout SUCCEEDED, patches deployed in the window");
    h.put(M1_DEPLOYED, "M1: patches first deployed to production in the window");
    h.put(M2_SUCCESS, "M2: rollouts SUCCEEDED / rollouts ended in the window");
    h.put(M2_ENDED, "M2: rollouts ended in the window, by outcome");
    h.put(M3_DELTA, "M3: latest canary minus baseline error rate measured by a judge gate, per rollout not ended");
    h.put(M3_WINDOW, "M3: last canary error delta of each rollout measured in the window, mean or max");
    h.put(M3_COMPARED, "M3: rollouts with a canary error delta measured in the window");
    h.put(M4_TIME, "M4: first bad evidence to rollout.rolled_back, rollbacks completed in the window");
    h.put(M4_COUNT, "M4: rollbacks completed in the window, by trigger");
    h.put(M5_COVERAGE, "M5: assessed assets with no open finding that has a fix / assets with an inventory, by environment (all: every asset)");
    h.put(M5_APPLICABLE, "M5: assets with an inventory (assessed), by environment");
    h.put(M5_PATCHED, "M5: assessed assets with no open or patch-planned finding that has a fixed version, by environment");
    h.put(M5_WITHOUT_INVENTORY, "M5: assets without an inventory (unknown, never counted as covered), by environment");
    h.put(M6_MTTP, "M6: advisory published (else fix available, else first seen) to finding remediated, findings remediated in the window");
    h.put(M6_PATCHES, "M6: findings remediated in the window, by risk priority");
    h.put(M7_INCIDENTS, "M7: incidents opened in the window within 72h after a rollout on the same assets succeeded");
    h.put(M7_PER_100, "M7: post-patch incidents per 100 rollouts SUCCEEDED in the window");
    h.put(M8_GAP, "M8: rollouts created in the window whose plan has no gate or verify stage with checks / rollouts created");
    h.put(M8_WITHOUT, "M8: rollouts created in the window without probes");
    h.put(M9_FAILURE, "M9: target runs failed / target runs started, rollouts created in the window");
    h.put(M9_STARTED, "M9: target runs started (touched) in rollouts created in the window");
    h.put(M9_FAILED, "M9: target runs failed in rollouts created in the window");
    h.put(M10_COMPLETE, "M10: rollouts created in the window with complete metadata and an intact audit chain / rollouts created");
    h.put(M10_INCOMPLETE, "M10: rollouts created in the window lacking metadata or with a broken audit chain");
    h.put(AUDIT_INTACT, "1 when the last audit chain verification found the chain intact, 0 when broken");
    h.put(ROLLOUTS, "Rollouts by state, all time");
    h.put(ROLLOUT_TARGETS, "Targets by state, rollouts not in a terminal state");
    h.put(ROLLOUT_PROGRESS, "Settled targets (healthy, failed, skipped, rolled back) / targets, rollouts not in a terminal state");
    h.put(ROLLOUT_ACTIVE, "1 per rollout not in a terminal state, with its patch, plan and state");
    h.put(COMPUTED_AT, "When the programme metrics were last computed (Unix seconds)");
    h.put(WINDOW, "The window rates and means cover, in seconds");
    return java.util.Collections.unmodifiableMap(h);
  }
}
