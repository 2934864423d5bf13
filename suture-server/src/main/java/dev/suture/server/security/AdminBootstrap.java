package dev.suture.server.security;

import dev.suture.core.auth.Role;
import dev.suture.core.port.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: with no users at all, creates {@code admin} (every role) and writes an API token
 * for it to DATA/initial-admin-token, mode 0600, and says where. The file is written before the
 * token is stored, so a crash in between leaves a useless file and a fresh attempt next start,
 * never a stored token nobody can read.
 */
public final class AdminBootstrap {
  public static final String FILE = "initial-admin-token";
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {}

  public static void run(UserStore users, Accounts accounts, Path dataDir) {
    String name = "admin";
    // a start that died between creating admin and storing its token left admin without one: finish it
    boolean half = users.countUsers() == 1 && users.find(name).isPresent() && users.tokens(name).isEmpty();
    if (users.countUsers() > 0 && !half) return;
    if (dataDir == null) {
      log.warn("no users and no data directory: nobody can log in until a user is created (suture.data-dir is not set)");
      return;
    }
    String secret = Tokens.newToken();
    Path file = dataDir.resolve(FILE);
    writeOwnerOnly(file, secret + "\n");
    if (!half) accounts.createUser(name, EnumSet.allOf(Role.class), Optional.empty(), "system");
    accounts.issueToken(name, "initial admin token", Optional.empty(), "system", secret);
    log.info("first start: created user 'admin' and wrote its API token to {} (mode 0600). Use it with "
        + "'export SUTURE_TOKEN=$(cat {})', create personal users, then delete the file.", file, file);
  }

  static void writeOwnerOnly(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), ".token", ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
