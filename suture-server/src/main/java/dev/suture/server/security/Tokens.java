package dev.suture.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API token format: {@code sut_} + 256 random bits, base64url. The prefix lets secret scanners
 * and log filters recognise a leaked token; only the SHA-256 of the whole string is stored.
 */
public final class Tokens {
  public static final String PREFIX = "sut_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  public static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Short public id to list and revoke a token by (not derived from the token). */
  public static String newId() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return "tok-" + HexFormat.of().formatHex(b);
  }

  public static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
