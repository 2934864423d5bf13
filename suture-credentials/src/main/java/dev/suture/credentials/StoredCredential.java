package dev.suture.credentials;

import dev.suture.core.port.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One entry of credentials.json: what may be shown in the clear, plus the sealed secret.
 * {@link #toString()} leaves out nonce and ciphertext; they are not secret, but nobody needs them
 * in a log either.
 */
record StoredCredential(String name, String type, String fingerprint, Instant created, byte[] nonce, byte[] ciphertext) {
  CredentialStore.Info info() { return new CredentialStore.Info(name, type, fingerprint, created); }

  /**
   * Binds the ciphertext to its name and type: moving an entry's ciphertext to another name (say,
   * a staging key under the production name) makes it fail to decrypt instead of being used.
   */
  static byte[] associatedData(String name, String type) {
    return ("suture-credential v1\0" + name + "\0" + type).getBytes(StandardCharsets.UTF_8);
  }

  @Override public String toString() { return "StoredCredential[" + name + ", " + type + ", " + fingerprint + ", " + created + "]"; }
}
