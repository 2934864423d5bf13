package dev.suture.credentials;

import dev.suture.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * credentials.json: {@code {"format":"suture-credentials/v1","keyCheck":"...","credentials":[...]}}.
 * Read afresh on every call, so a server sees what {@code suture credentials add} wrote a moment
 * ago. Written whole to a 0600 temporary file and renamed over the old one, so a crash leaves the
 * old file or the new one, never half of either; writers take a lock file so that two processes
 * adding at once do not lose one of the additions.
 */
final class CredentialFile {
  static final String FILE_NAME = "credentials.json";
  static final String FORMAT = "suture-credentials/v1";

  /** What the file holds; {@code keyCheck} is null before the first credential is written. */
  record Contents(String keyCheck, List<StoredCredential> credentials) {}

  private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;

  CredentialFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
    this.lockFile = dataDir.resolve(FILE_NAME + ".lock");
  }

  Path path() { return file; }

  Contents read() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Contents(null, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(Json.readObject(text));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException | DateTimeParseException e) {
      throw new CredentialException(file + " is not a valid credentials file (" + e.getClass().getSimpleName()
          + "); restore it from backup");
    }
  }

  @SuppressWarnings("unchecked")
  private Contents parse(Map<String, Object> root) {
    if (!FORMAT.equals(root.get("format"))) throw new IllegalArgumentException("unknown format");
    List<StoredCredential> out = new ArrayList<>();
    for (Object o : (List<Object>) root.get("credentials")) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.add(new StoredCredential(text(m, "name"), text(m, "type"), text(m, "fingerprint"), Instant.parse(text(m, "created")),
          Base64.getDecoder().decode(text(m, "nonce")), Base64.getDecoder().decode(text(m, "ciphertext"))));
    }
    return new Contents((String) root.get("keyCheck"), out);
  }

  private static String text(Map<String, Object> m, String field) {
    Object v = m.get(field);
    if (!(v instanceof String s)) throw new IllegalArgumentException("missing " + field);
    return s;
  }

  void write(Contents contents) {
    List<Object> entries = new ArrayList<>();
    for (StoredCredential c : contents.credentials()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("type", c.type());
      m.put("fingerprint", c.fingerprint());
      m.put("created", c.created().toString());
      m.put("nonce", Base64.getEncoder().encodeToString(c.nonce()));
      m.put("ciphertext", Base64.getEncoder().encodeToString(c.ciphertext()));
      entries.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("keyCheck", contents.keyCheck());
    root.put("credentials", entries);
    byte[] bytes = (Json.write(root) + "\n").getBytes(StandardCharsets.UTF_8);
    Path temp = null;
    try {
      temp = OwnerOnlyFiles.createTemp(file);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // nothing secret in it: only ciphertext
        }
      }
    }
  }

  /**
   * Runs a read-modify-write holding the lock file against other processes. File locks belong to
   * the whole JVM (a second one from another thread throws instead of waiting), so stores in one
   * JVM on the same directory first queue on a monitor shared by path.
   */
  <T> T locked(Supplier<T> update) {
    synchronized (IN_PROCESS.computeIfAbsent(lockFile, p -> new Object())) {
      try (FileChannel ch = openLock(); FileLock ignored = ch.lock()) {
        return update.get();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
      }
    }
  }

  private FileChannel openLock() throws IOException {
    if (OwnerOnlyFiles.posix(lockFile) && !Files.exists(lockFile)) {
      try {
        return FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(OwnerOnlyFiles.FILE));
      } catch (FileAlreadyExistsException raced) {
        // another process created it in between: open it below
      }
    }
    return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }
}
