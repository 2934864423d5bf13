package dev.suture.core.registry;

import java.util.ArrayList;
import java.util.List;

/** One triage assessment; every factor is checked against its scale and all bad ones are named at once. */
public record TriageInput(int exploitability, int dataExposure, int affectedUsers, int assetCriticality) {
  public TriageInput {
    List<FieldProblem> problems = new ArrayList<>();
    check(problems, TriageFactor.EXPLOITABILITY, exploitability);
    check(problems, TriageFactor.DATA_EXPOSURE, dataExposure);
    check(problems, TriageFactor.AFFECTED_USERS, affectedUsers);
    check(problems, TriageFactor.ASSET_CRITICALITY, assetCriticality);
    InvalidFieldsException.throwIfAny(problems);
  }

  public int value(TriageFactor f) {
    switch (f) {
      case EXPLOITABILITY: return exploitability;
      case DATA_EXPOSURE: return dataExposure;
      case AFFECTED_USERS: return affectedUsers;
      default: return assetCriticality;
    }
  }

  private static void check(List<FieldProblem> problems, TriageFactor f, int v) {
    if (v < 0 || v > f.max()) problems.add(new FieldProblem(f.field(), "must be between 0 and " + f.max() + ", was " + v));
  }
}
