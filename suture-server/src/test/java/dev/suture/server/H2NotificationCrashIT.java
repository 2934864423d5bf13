package dev.suture.server;

import java.util.List;

class H2NotificationCrashIT extends NotificationCrashContract {
  @Override List<String> databaseArgs() { return List.of(); }
}
