package dev.suture.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 32-byte master key and what is done with it. Each use gets its own subkey,
 * HMAC-SHA256(master, label), so the AES key, the password-fingerprint key and the key check are
 * independent even though they all come from one secret. {@link #toString()} shows nothing of it.
 */
final class MasterKey {
  static final String ENV = "SUTURE_MASTER_KEY";
  static final String FILE_NAME = "master.key";
  static final int LENGTH = 32;
  static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

  private final byte[] aesKey;
  private final byte[] fingerprintKey;
  private final String check;
  private final String source;
  private final SecureRandom random;

  private MasterKey(byte[] master, String source, SecureRandom random) {
    this.aesKey = hmac(master, "suture credentials aes-256-gcm v1");
    this.fingerprintKey = hmac(master, "suture credentials password fingerprint v1");
    this.check = HexFormat.of().formatHex(hmac(master, "suture credentials key check v1"), 0, 8);
    this.source = source;
    this.random = random;
    Arrays.fill(master, (byte) 0);
  }

  /** {@value #ENV} when set (base64 of 32 bytes), else {@code <dataDir>/master.key}, created if missing. */
  static MasterKey load(Path dataDir, Map<String, String> env, SecureRandom random) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null) return new MasterKey(decodeEnv(fromEnv), ENV, random);
    Path file = dataDir.resolve(FILE_NAME);
    return new MasterKey(Files.exists(file) ? readFile(file) : createFile(file, random), file.toString(), random);
  }

  /** Never echoes the value: a half-pasted key is still most of a key. */
  private static byte[] decodeEnv(String value) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new CredentialException(ENV + " is not valid base64; it must be base64 of exactly " + LENGTH
          + " random bytes (e.g. openssl rand -base64 " + LENGTH + ")");
    }
    if (key.length != LENGTH) {
      int n = key.length;
      Arrays.fill(key, (byte) 0);
      throw new CredentialException(ENV + " decodes to " + n + " bytes; it must be base64 of exactly " + LENGTH
          + " random bytes (e.g. openssl rand -base64 " + LENGTH + ")");
    }
    return key;
  }

  private static byte[] readFile(Path file) {
    OwnerOnlyFiles.requireOwnerOnly(file);
    byte[] key;
    try {
      key = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read master key " + file + ": " + e.getMessage(), e);
    }
    if (key.length != LENGTH) {
      int n = key.length;
      Arrays.fill(key, (byte) 0);
      throw new CredentialException("master key " + file + " has " + n + " bytes, expected " + LENGTH
          + "; restore it from backup (a new key cannot decrypt the stored credentials)");
    }
    return key;
  }

  /**
   * Writes the whole key to a 0600 temporary file first and then links it into place: the link
   * fails if another process got there first, so two processes starting at once agree on one key
   * and nobody ever reads a half-written one.
   */
  private static byte[] createFile(Path file, SecureRandom random) {
    OwnerOnlyFiles.createDirectories(file.getParent());
    byte[] key = new byte[LENGTH];
    random.nextBytes(key);
    Path temp = null;
    try {
      temp = OwnerOnlyFiles.createTemp(file);
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(key));
        ch.force(true); // a key lost in a crash would take every credential sealed under it along
      }
      try {
        Files.createLink(file, temp);
      } catch (UnsupportedOperationException noHardLinks) {
        Files.move(temp, file);
      }
      log.info("created master key {} (0600); back it up: without it the stored credentials cannot be decrypted", file);
      return key;
    } catch (FileAlreadyExistsException raced) {
      Arrays.fill(key, (byte) 0);
      return readFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create master key " + file + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a leftover 0600 temp file is harmless; the key in it is the one now in use or none
        }
      }
    }
  }

  /** Where the key came from (the variable's name or the file's path), for error messages. */
  String source() { return source; }

  /** Identifies the key without revealing it, so a file written under another key is recognised. */
  String check() { return check; }

  record Sealed(byte[] nonce, byte[] ciphertext) {
    @Override public String toString() { return "Sealed[" + ciphertext.length + " bytes]"; }
  }

  /** AES-256-GCM with a fresh random nonce; {@code aad} is authenticated but not encrypted. */
  Sealed seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce);
      c.updateAAD(aad);
      return new Sealed(nonce, c.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available: " + e.getClass().getSimpleName(), e);
    }
  }

  /** @throws AEADBadTagException when the key is wrong or nonce, ciphertext or aad were changed */
  byte[] open(byte[] nonce, byte[] ciphertext, byte[] aad) throws AEADBadTagException {
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, nonce);
      c.updateAAD(aad);
      return c.doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      // a malformed nonce is tampering too; callers report both the same way
      throw new AEADBadTagException(e.getClass().getSimpleName());
    }
  }

  /**
   * A keyed hash of a password: a plain SHA-256 of a short password could be brute-forced from
   * the fingerprint, this one only by someone who already has the master key.
   */
  byte[] passwordFingerprint(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
      return mac.doFinal(secret);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    if (nonce.length != NONCE_LENGTH) throw new GeneralSecurityException("bad nonce length");
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(aesKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return c;
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Constant time, so comparing checks leaks nothing through timing. */
  boolean matches(String otherCheck) {
    return MessageDigest.isEqual(check.getBytes(StandardCharsets.US_ASCII), otherCheck.getBytes(StandardCharsets.US_ASCII));
  }

  @Override public String toString() { return "MasterKey[from " + source + "]"; }
}
