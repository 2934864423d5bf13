package dev.suture.core.port;

/** PASS, FAIL (the target answered badly) or ERROR (could not measure: never taken as healthy). */
public record CheckResult(String check, Status status, String message) {
  public enum Status { PASS, FAIL, ERROR }

  public boolean passed() { return status == Status.PASS; }

  public static CheckResult pass(String check, String message) { return new CheckResult(check, Status.PASS, message); }
  public static CheckResult fail(String check, String message) { return new CheckResult(check, Status.FAIL, message); }
  public static CheckResult error(String check, String message) { return new CheckResult(check, Status.ERROR, message); }
}
