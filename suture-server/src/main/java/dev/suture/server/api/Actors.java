package dev.suture.server.api;

/**
 * Who is acting. Authentication arrives with the governance work (issue 4); until then every API
 * call is recorded as the local operator so that the audit trail already has the field.
 */
final class Actors {
  private Actors() {}

  static String current() { return "operator:" + System.getProperty("user.name", "local"); }
}
