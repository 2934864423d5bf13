package dev.suture.credentials;

import dev.suture.core.port.Credential;
import dev.suture.core.port.CredentialStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named secrets in {@code <dataDir>/credentials.json}, each sealed with AES-256-GCM under a key
 * derived from the master key ({@code SUTURE_MASTER_KEY}, else {@code <dataDir>/master.key}).
 * Every entry has its own random 12-byte nonce and its name and type as associated data.
 *
 * <p>Fingerprints: for an {@code ssh-key}, {@code SHA256:...} exactly as {@code ssh-keygen -l}
 * prints it for OpenSSH-format keys and RSA PEM keys, else {@code sha256:} + 16 hex digits of
 * SHA-256 over the key bytes (see {@link SshKeyFingerprint}); for a {@code password},
 * {@code sha256:} + 16 hex digits of an HMAC-SHA256 keyed by the master key, never a plain hash.
 *
 * <p>The file is re-read on every call, so the server and the CLI can share a data directory.
 * Secrets appear in no log line, no exception message and no {@code toString()}.
 */
public final class FileCredentialStore implements CredentialStore {
  /** What a credential name may look like: it appears in plans, file names and URLs. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  public static final Set<String> TYPES = Set.of(Credential.SSH_KEY, Credential.PASSWORD);
  /** Far above any SSH key or password; keeps a mistaken {@code --from-file} of a big file out. */
  public static final int MAX_SECRET_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(FileCredentialStore.class);

  private final Path dataDir;
  private final MasterKey key;
  private final CredentialFile file;
  private final Clock clock;

  private FileCredentialStore(Path dataDir, MasterKey key, Clock clock) {
    this.dataDir = dataDir;
    this.key = key;
    this.file = new CredentialFile(dataDir);
    this.clock = clock;
  }

  /**
   * Opens (and creates, if missing) the store in {@code dataDir}. The master key is loaded now, so
   * a malformed {@code SUTURE_MASTER_KEY} or a master.key readable by others fails at startup.
   *
   * @param env the process environment ({@code System.getenv()}); only SUTURE_MASTER_KEY is read
   * @throws CredentialException for a bad master key or unsafe permissions
   */
  public static FileCredentialStore open(Path dataDir, Map<String, String> env, Clock clock) {
    Path dir = dataDir.toAbsolutePath().normalize();
    OwnerOnlyFiles.createDirectories(dir);
    FileCredentialStore store = new FileCredentialStore(dir, MasterKey.load(dir, env, new SecureRandom()), clock);
    String written = store.file.read().keyCheck();
    if (written != null && !store.key.matches(written)) {
      log.warn("{} was written under a different master key than {}; its credentials cannot be decrypted",
          store.file.path(), store.key.source());
    }
    return store;
  }

  /** The credentials file (for messages and documentation; it holds no secret in the clear). */
  public Path file() { return file.path(); }

  @Override public synchronized Optional<Credential> find(String name) {
    if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
    Optional<StoredCredential> stored = file.read().credentials().stream().filter(c -> c.name().equals(name)).findFirst();
    if (stored.isEmpty()) return Optional.empty();
    StoredCredential c = stored.get();
    byte[] secret;
    try {
      secret = key.open(c.nonce(), c.ciphertext(), StoredCredential.associatedData(c.name(), c.type()));
    } catch (AEADBadTagException e) {
      throw new CredentialException("cannot decrypt credential '" + name + "': wrong master key or tampered file"
          + " (master key from " + key.source() + ", file " + file.path() + ")");
    }
    try {
      return Optional.of(new Credential(c.name(), c.type(), secret, c.fingerprint()));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Sorted by name. Needs no decryption, so it works even under the wrong master key. */
  @Override public synchronized List<Info> list() {
    return file.read().credentials().stream().map(StoredCredential::info).sorted(Comparator.comparing(Info::name)).toList();
  }

  /**
   * @throws IllegalArgumentException naming the field ("name: ...", "type: ...", "secret: ...")
   * @throws CredentialException when the file was written under another master key
   */
  @Override public synchronized Info put(String name, String type, byte[] secret) {
    validate(name, type, secret);
    String fingerprint = fingerprint(type, secret);
    return file.locked(() -> {
      CredentialFile.Contents contents = file.read();
      if (contents.keyCheck() != null && !key.matches(contents.keyCheck())) {
        throw new CredentialException(file.path() + " was written under a different master key than the one from "
            + key.source() + "; refusing to add '" + name + "' (its credentials would need two keys)");
      }
      MasterKey.Sealed sealed = key.seal(secret, StoredCredential.associatedData(name, type));
      StoredCredential entry = new StoredCredential(name, type, fingerprint, clock.instant(), sealed.nonce(), sealed.ciphertext());
      List<StoredCredential> next = new ArrayList<>(contents.credentials());
      next.removeIf(c -> c.name().equals(name));
      next.add(entry);
      next.sort(Comparator.comparing(StoredCredential::name));
      file.write(new CredentialFile.Contents(key.check(), next));
      log.info("stored credential {} ({}, {})", name, type, fingerprint);
      return entry.info();
    });
  }

  @Override public synchronized boolean remove(String name) {
    if (name == null || !NAME.matcher(name).matches()) return false;
    return file.locked(() -> {
      CredentialFile.Contents contents = file.read();
      List<StoredCredential> next = new ArrayList<>(contents.credentials());
      if (!next.removeIf(c -> c.name().equals(name))) return false;
      file.write(new CredentialFile.Contents(contents.keyCheck(), next));
      log.info("removed credential {}", name);
      return true;
    });
  }

  private static void validate(String name, String type, byte[] secret) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name: '" + name + "' is not a credential name"
          + " (lower-case letters, digits, '.', '_', '-'; starts with a letter or digit; at most 63 characters)");
    }
    if (type == null || !TYPES.contains(type)) {
      throw new IllegalArgumentException("type: '" + type + "' is not a credential type (ssh-key or password)");
    }
    if (secret == null || secret.length == 0) throw new IllegalArgumentException("secret: is empty");
    if (secret.length > MAX_SECRET_BYTES) {
      throw new IllegalArgumentException("secret: " + secret.length + " bytes is more than the " + MAX_SECRET_BYTES + " allowed");
    }
  }

  private String fingerprint(String type, byte[] secret) {
    if (type.equals(Credential.SSH_KEY)) return SshKeyFingerprint.of(secret);
    return "sha256:" + HexFormat.of().formatHex(key.passwordFingerprint(secret), 0, 8);
  }

  @Override public String toString() { return "FileCredentialStore[" + dataDir + ", master key from " + key.source() + "]"; }
}
