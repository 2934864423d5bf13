package dev.suture.server.api;

import dev.suture.core.model.Criticality;
import dev.suture.core.registry.PatchFields;
import dev.suture.core.registry.PatchStatus;
import dev.suture.core.registry.RegressionRisk;
import dev.suture.core.registry.TriageInput;
import dev.suture.server.api.RegistryViews.RiskBody;
import dev.suture.server.api.RegistryViews.TriageBody;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns registry request bodies into core values; every error names its field. */
final class RegistryRequests {
  private RegistryRequests() {}

  static PatchFields fields(String justification, List<String> affectedVersions, RiskBody risk) {
    RegressionRisk r = null;
    if (risk != null) {
      if (risk.level() == null || risk.level().isBlank()) throw new FieldException("regressionRisk.level", "is required (low, medium, high)");
      r = new RegressionRisk(RegressionRisk.Level.fromWire("regressionRisk.level", risk.level()), risk.notes());
    }
    return new PatchFields(justification, affectedVersions, r);
  }

  static PatchStatus status(String field, String s) {
    try {
      return PatchStatus.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new FieldException(field, "'" + s + "' is not a registry status ("
          + EnumSet.allOf(PatchStatus.class).stream().map(RegistryViews::wire).collect(Collectors.joining(", ")) + ")");
    }
  }

  /** Asset criticality may be given as its level (0..3) or as the asset's criticality name (low..critical). */
  static TriageInput triage(TriageBody b) {
    return new TriageInput(required("exploitability", b.exploitability()), required("dataExposure", b.dataExposure()),
        required("affectedUsers", b.affectedUsers()), criticality(b.assetCriticality()));
  }

  private static int required(String field, Integer v) {
    if (v == null) throw new FieldException(field, "is required");
    return v;
  }

  private static int criticality(Object v) {
    if (v == null) throw new FieldException("assetCriticality", "is required");
    if (v instanceof Integer i) return i;
    if (v instanceof String s) {
      for (Criticality c : Criticality.values()) if (c.name().equalsIgnoreCase(s.trim())) return c.ordinal();
    }
    throw new FieldException("assetCriticality", "'" + v + "' is neither a level 0..3 nor one of low, medium, high, critical");
  }
}
