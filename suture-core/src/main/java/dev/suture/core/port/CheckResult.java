package dev.suture.core.port;

/**
 * PASS, FAIL (the target answered badly), INCONCLUSIVE (a metric check where neither the success
 * nor the failure condition held) or ERROR (could not measure: never taken as healthy). Until
 * measurement semantics land (issue 5), INCONCLUSIVE halts a gate exactly like FAIL: only PASS
 * counts as {@link #passed()}.
 */
public record CheckResult(String check, Status status, String message) {
  public enum Status { PASS, FAIL, INCONCLUSIVE, ERROR }

  public boolean passed() { return status == Status.PASS; }

  public static CheckResult pass(String check, String message) { return new CheckResult(check, Status.PASS, message); }
  public static CheckResult fail(String check, String message) { return new CheckResult(check, Status.FAIL, message); }
  public static CheckResult inconclusive(String check, String message) { return new CheckResult(check, Status.INCONCLUSIVE, message); }
  public static CheckResult error(String check, String message) { return new CheckResult(check, Status.ERROR, message); }
}
