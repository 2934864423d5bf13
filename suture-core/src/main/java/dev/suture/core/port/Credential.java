package dev.suture.core.port;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A named secret (an SSH private key, a password) resolved for an adapter at the moment it needs
 * it. {@link #toString()} never shows the secret, so a credential that slips into a log line or an
 * exception message reveals only its name, type and fingerprint.
 */
public final class Credential {
  /** Types a credential store accepts. */
  public static final String SSH_KEY = "ssh-key";
  public static final String PASSWORD = "password";

  private final String name;
  private final String type;
  private final byte[] secret;
  private final String fingerprint;

  public Credential(String name, String type, byte[] secret, String fingerprint) {
    this.name = name;
    this.type = type;
    this.secret = secret.clone();
    this.fingerprint = fingerprint;
  }

  public String name() { return name; }

  public String type() { return type; }

  /** A copy of the secret; callers should overwrite it once used. */
  public byte[] secret() { return secret.clone(); }

  public String secretText() { return new String(secret, StandardCharsets.UTF_8); }

  /** Public, non-secret identification (e.g. SHA256:... of an SSH public key). */
  public String fingerprint() { return fingerprint; }

  @Override public String toString() { return "Credential[" + name + ", " + type + ", " + fingerprint + "]"; }

  @Override public boolean equals(Object o) {
    return o instanceof Credential c && c.name.equals(name) && c.type.equals(type) && Arrays.equals(c.secret, secret);
  }

  @Override public int hashCode() { return name.hashCode(); }
}
