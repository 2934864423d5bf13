package dev.suture.server;

import java.util.List;

class H2CrashRecoveryIT extends CrashRecoveryContract {
  @Override List<String> databaseArgs() { return List.of(); }
}
