package dev.suture.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files only their owner may read (0600) and directories only their owner may enter (0700). The
 * permissions are given at creation, never fixed up afterwards, so there is no moment in which
 * another user could open the file. On a file system without POSIX permissions (Windows) nothing
 * is enforced: its ACLs have no 0600 to compare with.
 */
final class OwnerOnlyFiles {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates the directory (0700) and its missing parents; an existing one is left as it is. */
  static void createDirectories(Path dir) {
    try {
      if (Files.isDirectory(dir)) return;
      if (posix(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A new, empty temporary file beside {@code target}, readable by its owner only. */
  static Path createTemp(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    String prefix = "." + target.getFileName() + ".";
    return posix(dir)
        ? Files.createTempFile(dir, prefix, ".tmp", attribute())
        : Files.createTempFile(dir, prefix, ".tmp");
  }

  /**
   * Refuses a file that group or others may read or write: whoever could read it has every
   * credential, whoever could write it could swap the key.
   */
  static void requireOwnerOnly(Path file) {
    if (!posix(file)) return;
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the permissions of " + file + ": " + e.getMessage(), e);
    }
    Set<PosixFilePermission> extra = EnumSet.copyOf(perms);
    extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    if (!extra.isEmpty()) {
      throw new CredentialException(file + " has permissions " + PosixFilePermissions.toString(perms)
          + ", looser than 0600 (rw-------); refusing to use it. Run: chmod 600 " + file);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }
}
