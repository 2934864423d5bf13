package dev.suture.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.suture.core.contract.CredentialStoreContract;
import dev.suture.core.json.Json;
import dev.suture.core.port.Credential;
import dev.suture.core.port.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FileCredentialStoreTest extends CredentialStoreContract {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);
  static final AtomicInteger dirs = new AtomicInteger();

  @TempDir Path tmp;
  Path data;
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @Override protected CredentialStore newStore() {
    data = tmp.resolve("data-" + dirs.incrementAndGet());
    return FileCredentialStore.open(data, Map.of(), CLOCK);
  }

  @BeforeEach void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger("dev.suture")).addAppender(logs);
  }

  /** The acceptance criterion: no secret in any log line, whatever the test did. */
  @AfterEach void noSecretWasLogged() {
    ((Logger) LoggerFactory.getLogger("dev.suture")).detachAppender(logs);
    for (ILoggingEvent e : logs.list) {
      String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
      assertThat(line).doesNotContain(PASSWORD).doesNotContain(OTHER_PASSWORD).doesNotContain(keyMaterial());
    }
  }

  static String randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  @Test void survivesReopeningTheDataDirectory() {
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    store.put("web-ssh", Credential.SSH_KEY, bytes(SSH_KEY));
    CredentialStore reopened = FileCredentialStore.open(data, Map.of(), Clock.systemUTC());
    assertThat(reopened.find("db-admin").orElseThrow().secretText()).isEqualTo(PASSWORD);
    assertThat(reopened.find("web-ssh").orElseThrow().secretText()).isEqualTo(SSH_KEY);
    assertThat(reopened.list()).isEqualTo(store.list());
    assertThat(reopened.list()).allSatisfy(i -> assertThat(i.created()).isEqualTo(CLOCK.instant()));
  }

  @Test void twoStoresOnOneDirectorySeeEachOthersChanges() {
    CredentialStore server = FileCredentialStore.open(data, Map.of(), CLOCK);
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    assertThat(server.find("db-admin").orElseThrow().secretText()).isEqualTo(PASSWORD);
    server.remove("db-admin");
    assertThat(store.list()).isEmpty();
  }

  @Test void concurrentPutsAreAllKept() throws Exception {
    CredentialStore other = FileCredentialStore.open(data, Map.of(), CLOCK);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        CredentialStore s = i % 2 == 0 ? store : other;
        String name = "c" + i;
        done.add(pool.submit(() -> s.put(name, Credential.PASSWORD, bytes(PASSWORD + name))));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list()).hasSize(40);
    assertThat(store.find("c17").orElseThrow().secretText()).isEqualTo(PASSWORD + "c17");
  }

  @Test void createsMasterKeyAndCredentialsFileReadableByTheOwnerOnly() throws Exception {
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("master.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("credentials.json")))).isEqualTo("rw-------");
    assertThat(Files.size(data.resolve("master.key"))).isEqualTo(32);
    store.put("db-admin", Credential.PASSWORD, bytes(OTHER_PASSWORD));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("credentials.json"))))
        .as("still 0600 after a rewrite").isEqualTo("rw-------");
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left behind")
          .containsExactlyInAnyOrder("master.key", "credentials.json", "credentials.json.lock");
    }
  }

  @Test void createsAMissingDataDirectoryForItsOwnerOnly() throws Exception {
    Path dir = tmp.resolve("fresh/nested");
    FileCredentialStore.open(dir, Map.of(), CLOCK);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test void refusesAMasterKeyFileOthersCanRead() throws Exception {
    Path key = data.resolve("master.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> FileCredentialStore.open(data, Map.of(), CLOCK))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining(key.toString())
        .hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-----w-"));
    assertThatThrownBy(() -> FileCredentialStore.open(data, Map.of(), CLOCK)).hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
    FileCredentialStore.open(data, Map.of(), CLOCK);
  }

  @Test void refusesAMasterKeyFileOfTheWrongLength() throws Exception {
    Files.write(data.resolve("master.key"), new byte[16]);
    assertThatThrownBy(() -> FileCredentialStore.open(data, Map.of(), CLOCK))
        .isInstanceOf(CredentialException.class).hasMessageContaining("16 bytes, expected 32");
  }

  @Test void aMasterKeyFromTheEnvironmentIsUsedAndNoKeyFileIsWritten() {
    Path dir = tmp.resolve("env");
    Map<String, String> env = Map.of("SUTURE_MASTER_KEY", randomKey());
    FileCredentialStore.open(dir, env, CLOCK).put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    assertThat(dir.resolve("master.key")).doesNotExist();
    assertThat(FileCredentialStore.open(dir, env, CLOCK).find("db-admin").orElseThrow().secretText()).isEqualTo(PASSWORD);
  }

  @Test void theWrongMasterKeyFailsClearlyButListingStillWorks() {
    Path dir = tmp.resolve("env");
    FileCredentialStore.open(dir, Map.of("SUTURE_MASTER_KEY", randomKey()), CLOCK).put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    FileCredentialStore wrong = FileCredentialStore.open(dir, Map.of("SUTURE_MASTER_KEY", randomKey()), CLOCK);

    assertThatThrownBy(() -> wrong.find("db-admin"))
        .isInstanceOf(CredentialException.class)
        .hasMessageStartingWith("cannot decrypt credential 'db-admin': wrong master key or tampered file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    assertThat(wrong.list()).extracting(CredentialStore.Info::name).containsExactly("db-admin");
    assertThatThrownBy(() -> wrong.put("other", Credential.PASSWORD, bytes(OTHER_PASSWORD)))
        .as("one file, one key").isInstanceOf(CredentialException.class).hasMessageContaining("different master key");
    // an env key is used alone: no master.key file appears as a side effect
    assertThat(dir.resolve("master.key")).doesNotExist();
  }

  @Test void aMalformedMasterKeyVariableIsNamedButNotEchoed() {
    String notBase64 = "this-is-not/base64!!";
    assertThatThrownBy(() -> FileCredentialStore.open(data, Map.of("SUTURE_MASTER_KEY", notBase64), CLOCK))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("SUTURE_MASTER_KEY")
        .hasMessageContaining("base64")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(notBase64));
    String short16 = Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> FileCredentialStore.open(data, Map.of("SUTURE_MASTER_KEY", short16), CLOCK))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("SUTURE_MASTER_KEY decodes to 16 bytes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(short16).doesNotContain("sixteen"));
  }

  @Test void theFileHoldsNoSecretInAnyForm() throws Exception {
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    store.put("web-ssh", Credential.SSH_KEY, bytes(SSH_KEY));
    String file = Files.readString(data.resolve("credentials.json"));
    for (String secret : new String[] {PASSWORD, keyMaterial()}) {
      assertThat(file).doesNotContain(secret)
          .doesNotContain(Base64.getEncoder().encodeToString(bytes(secret)))
          .doesNotContain(new StringBuilder(secret).reverse());
    }
    assertThat(file).doesNotContain("PRIVATE KEY");
    byte[] raw = Files.readAllBytes(data.resolve("credentials.json"));
    assertThat(indexOf(raw, bytes(PASSWORD))).isEqualTo(-1);
  }

  @Test void aChangedCiphertextIsDetected() throws Exception {
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    editEntry(0, e -> {
      byte[] ct = Base64.getDecoder().decode((String) e.get("ciphertext"));
      ct[3] ^= 1;
      e.put("ciphertext", Base64.getEncoder().encodeToString(ct));
    });
    assertThatThrownBy(() -> store.find("db-admin"))
        .isInstanceOf(CredentialException.class)
        .hasMessageStartingWith("cannot decrypt credential 'db-admin': wrong master key or tampered file");
  }

  @Test void aCiphertextMovedToAnotherNameOrTypeDoesNotDecrypt() throws Exception {
    store.put("prod-db", Credential.PASSWORD, bytes(PASSWORD));
    store.put("staging-db", Credential.PASSWORD, bytes(OTHER_PASSWORD));
    Map<String, Object> root = Json.readObject(Files.readString(data.resolve("credentials.json")));
    @SuppressWarnings("unchecked") var entries = (List<Map<String, Object>>) root.get("credentials");
    Map<String, Object> prod = entries.get(0);
    Map<String, Object> staging = entries.get(1);
    prod.put("nonce", staging.get("nonce"));
    prod.put("ciphertext", staging.get("ciphertext"));
    Files.writeString(data.resolve("credentials.json"), Json.write(root));
    assertThatThrownBy(() -> store.find("prod-db")).hasMessageContaining("tampered");

    editEntry(1, e -> e.put("type", Credential.SSH_KEY));
    assertThatThrownBy(() -> store.find("staging-db")).hasMessageContaining("tampered");
  }

  @Test void aCorruptFileIsReportedWithoutItsContent() throws Exception {
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    Files.writeString(data.resolve("credentials.json"), "{\"format\":\"suture-credentials/v1\",\"credentials\":[{\"name\":");
    assertThatThrownBy(() -> store.list())
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("credentials.json is not a valid credentials file");
  }

  @Test void passwordFingerprintsAreKeyedByTheMasterKey() {
    Map<String, String> envA = Map.of("SUTURE_MASTER_KEY", randomKey());
    Map<String, String> envB = Map.of("SUTURE_MASTER_KEY", randomKey());
    String a1 = FileCredentialStore.open(tmp.resolve("a1"), envA, CLOCK).put("p", Credential.PASSWORD, bytes(PASSWORD)).fingerprint();
    String a2 = FileCredentialStore.open(tmp.resolve("a2"), envA, CLOCK).put("p", Credential.PASSWORD, bytes(PASSWORD)).fingerprint();
    String b = FileCredentialStore.open(tmp.resolve("b"), envB, CLOCK).put("p", Credential.PASSWORD, bytes(PASSWORD)).fingerprint();
    assertThat(a1).matches("sha256:[0-9a-f]{16}").isEqualTo(a2).isNotEqualTo(b);
    String plainHash = java.util.HexFormat.of().formatHex(SshKeyFingerprint.sha256(bytes(PASSWORD)), 0, 8);
    assertThat(a1).doesNotContain(plainHash);
  }

  @Test void rejectsAnEncryptedPrivateKey() {
    String pkcs8Encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertThatThrownBy(() -> store.put("k", Credential.SSH_KEY, bytes(pkcs8Encrypted)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret: the private key is encrypted");
    String pemEncrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> store.put("k", Credential.SSH_KEY, bytes(pemEncrypted)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted");
  }

  @Test void nothingOfTheStoreShowsInToString() {
    FileCredentialStore s = (FileCredentialStore) store;
    s.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    assertThat(s.toString()).contains(data.toString()).contains("master.key");
    assertThat(MasterKey.load(data, Map.of(), new SecureRandom()).toString()).isEqualTo("MasterKey[from " + data.resolve("master.key") + "]");
  }

  private void editEntry(int index, java.util.function.Consumer<Map<String, Object>> edit) throws Exception {
    Path file = data.resolve("credentials.json");
    Map<String, Object> root = Json.readObject(Files.readString(file));
    @SuppressWarnings("unchecked") var entries = (List<Map<String, Object>>) root.get("credentials");
    edit.accept(entries.get(index));
    Files.writeString(file, Json.write(root));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
