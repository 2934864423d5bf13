package dev.suture.server;

import dev.suture.store.TestDatabases;
import java.util.List;

class PostgresNotificationCrashIT extends NotificationCrashContract {
  private List<String> args;

  /** One fresh schema for both server incarnations. */
  @Override List<String> databaseArgs() {
    if (args == null)
      args = List.of("--db-url", TestDatabases.postgres(), "--db-user", TestDatabases.PG_USER, "--db-password", TestDatabases.PG_PASSWORD);
    return args;
  }
}
