package dev.suture.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.port.Credential;
import dev.suture.core.port.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialStore} must do, wherever it keeps its secrets. Subclasses return a
 * new, empty store from {@link #newStore()}. The secrets are distinctive strings so that "never
 * exposed" can be checked by searching for them.
 */
public abstract class CredentialStoreContract {
  protected static final String PASSWORD = "correct-horse-battery-staple-7f3a";
  protected static final String OTHER_PASSWORD = "tr0ub4dor&3-second-secret-91c2";
  /** A real (throwaway) RSA private key in PKCS#8 PEM, so an ssh-key store can parse it. */
  protected static final String SSH_KEY = rsaPrivateKeyPem();

  protected CredentialStore store;

  /** A new store with nothing in it. */
  protected abstract CredentialStore newStore() throws Exception;

  @BeforeEach
  void createStore() throws Exception {
    store = newStore();
  }

  protected static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  /** The part of the key that is actually secret: a line from the middle of its base64. */
  protected static String keyMaterial() { return SSH_KEY.lines().skip(5).findFirst().orElseThrow(); }

  @Test
  void anEmptyStoreHasNothing() {
    assertThat(store.find("prod-ssh")).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(store.remove("prod-ssh")).isFalse();
  }

  @Test
  void putThenFindReturnsTheSecret() {
    CredentialStore.Info info = store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    assertThat(info.name()).isEqualTo("db-admin");
    assertThat(info.type()).isEqualTo(Credential.PASSWORD);
    assertThat(info.fingerprint()).isNotBlank();
    assertThat(info.created()).isNotNull();

    Credential found = store.find("db-admin").orElseThrow();
    assertThat(found.name()).isEqualTo("db-admin");
    assertThat(found.type()).isEqualTo(Credential.PASSWORD);
    assertThat(found.secretText()).isEqualTo(PASSWORD);
    assertThat(found.fingerprint()).isEqualTo(info.fingerprint());
  }

  @Test
  void storesAnSshPrivateKeyByteForByte() {
    CredentialStore.Info info = store.put("prod-ssh", Credential.SSH_KEY, bytes(SSH_KEY));
    assertThat(info.type()).isEqualTo(Credential.SSH_KEY);
    assertThat(store.find("prod-ssh").orElseThrow().secret()).isEqualTo(bytes(SSH_KEY));
  }

  @Test
  void findIsExactByName() {
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    assertThat(store.find("db")).isEmpty();
    assertThat(store.find("db-admin2")).isEmpty();
  }

  @Test
  void listShowsNameTypeFingerprintAndCreatedSortedByName() {
    store.put("web-ssh", Credential.SSH_KEY, bytes(SSH_KEY));
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    assertThat(store.list()).extracting(CredentialStore.Info::name).containsExactly("db-admin", "web-ssh");
    assertThat(store.list()).extracting(CredentialStore.Info::type).containsExactly(Credential.PASSWORD, Credential.SSH_KEY);
    assertThat(store.list()).allSatisfy(i -> {
      assertThat(i.fingerprint()).isNotBlank();
      assertThat(i.created()).isNotNull();
    });
  }

  @Test
  void listNeverExposesASecret() {
    store.put("web-ssh", Credential.SSH_KEY, bytes(SSH_KEY));
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    for (CredentialStore.Info i : store.list()) {
      for (String shown : new String[] {i.toString(), i.name(), i.type(), i.fingerprint()}) {
        assertThat(shown).doesNotContain(PASSWORD).doesNotContain(keyMaterial());
      }
    }
  }

  @Test
  void putReplacesTheSecretOfAnExistingName() {
    CredentialStore.Info first = store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    CredentialStore.Info second = store.put("db-admin", Credential.PASSWORD, bytes(OTHER_PASSWORD));
    assertThat(store.list()).hasSize(1);
    assertThat(store.find("db-admin").orElseThrow().secretText()).isEqualTo(OTHER_PASSWORD);
    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
  }

  @Test
  void putMayChangeTheType() {
    store.put("prod", Credential.PASSWORD, bytes(PASSWORD));
    store.put("prod", Credential.SSH_KEY, bytes(SSH_KEY));
    assertThat(store.find("prod").orElseThrow().type()).isEqualTo(Credential.SSH_KEY);
    assertThat(store.list()).singleElement().extracting(CredentialStore.Info::type).isEqualTo(Credential.SSH_KEY);
  }

  @Test
  void removeDeletesOnlyThatName() {
    store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    store.put("web-ssh", Credential.SSH_KEY, bytes(SSH_KEY));
    assertThat(store.remove("db-admin")).isTrue();
    assertThat(store.find("db-admin")).isEmpty();
    assertThat(store.remove("db-admin")).isFalse();
    assertThat(store.list()).extracting(CredentialStore.Info::name).containsExactly("web-ssh");
  }

  @Test
  void noToStringShowsTheSecret() {
    CredentialStore.Info info = store.put("db-admin", Credential.PASSWORD, bytes(PASSWORD));
    store.put("web-ssh", Credential.SSH_KEY, bytes(SSH_KEY));
    for (Object o : new Object[] {info, store, store.list(), store.find("db-admin").orElseThrow(), store.find("web-ssh").orElseThrow()}) {
      assertThat(String.valueOf(o)).doesNotContain(PASSWORD).doesNotContain(keyMaterial()).doesNotContain("PRIVATE KEY");
    }
  }

  @Test
  void rejectsAnUnknownTypeWithoutEchoingTheSecret() {
    assertThatThrownBy(() -> store.put("db-admin", "token", bytes(PASSWORD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    assertThat(store.list()).isEmpty();
  }

  @Test
  void rejectsAnSshKeyThatIsNotAPrivateKeyWithoutEchoingIt() {
    assertThatThrownBy(() -> store.put("prod-ssh", Credential.SSH_KEY, bytes(PASSWORD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    assertThat(store.list()).isEmpty();
  }

  @Test
  void rejectsNamesAPlanCouldNotReference() {
    for (String bad : new String[] {"", "Prod", "-prod", "prod ssh", "prod/ssh", "a".repeat(64)}) {
      assertThatThrownBy(() -> store.put(bad, Credential.PASSWORD, bytes(PASSWORD)))
          .as("name '%s'", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name");
    }
    assertThat(store.put("a".repeat(63), Credential.PASSWORD, bytes(PASSWORD)).name()).hasSize(63);
    assertThat(store.put("prod.ssh_2-b", Credential.PASSWORD, bytes(PASSWORD)).name()).isEqualTo("prod.ssh_2-b");
  }

  @Test
  void rejectsAnEmptySecret() {
    assertThatThrownBy(() -> store.put("db-admin", Credential.PASSWORD, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
  }

  @Test
  void theCallersArrayIsNotKept() {
    byte[] secret = bytes(PASSWORD);
    store.put("db-admin", Credential.PASSWORD, secret);
    Arrays.fill(secret, (byte) 'x');
    byte[] out = store.find("db-admin").orElseThrow().secret();
    Arrays.fill(out, (byte) 'y');
    assertThat(store.find("db-admin").orElseThrow().secretText()).isEqualTo(PASSWORD);
  }

  private static String rsaPrivateKeyPem() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
      return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
