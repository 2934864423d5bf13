package dev.suture.credentials;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that an {@code ssh-key} secret is an unencrypted private key and fingerprints it.
 *
 * <p>The fingerprint is what {@code ssh-keygen -l} prints, {@code SHA256:} + unpadded base64 of
 * SHA-256 over the public key blob, whenever the public key can be had without new dependencies:
 * OpenSSH-format keys of every algorithm (the file carries the public key) and RSA keys in PEM
 * (PKCS#1 {@code RSA PRIVATE KEY} or PKCS#8 {@code PRIVATE KEY}), whose public half is the modulus
 * and exponent. Anything else (EC or DSA in PEM, EdDSA in PKCS#8) gets {@code sha256:} + the first
 * 16 hex digits of SHA-256 over the secret bytes: still stable and non-reversible (a private key
 * has far too much entropy to brute-force), but the lower-case prefix says it is not comparable
 * with {@code ssh-keygen}.
 *
 * <p>Error messages name what is wrong with the key, never its content.
 */
final class SshKeyFingerprint {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String REMOVE_PASSPHRASE = "store it without a passphrase (ssh-keygen -p -N '' -f KEYFILE on a copy)";

  private SshKeyFingerprint() {}

  /** @throws IllegalArgumentException "secret: ..." when it is not an unencrypted private key */
  static String of(byte[] secret) {
    String text = new String(secret, StandardCharsets.UTF_8);
    Matcher m = PEM.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("secret: an ssh-key must be a private key in OpenSSH or PEM format"
          + " (-----BEGIN ... PRIVATE KEY----- ... -----END ... PRIVATE KEY-----)");
    }
    String label = m.group(1);
    String body = m.group(2);
    if (label.equals("ENCRYPTED PRIVATE KEY") || body.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new IllegalArgumentException("secret: the private key is encrypted; " + REMOVE_PASSPHRASE);
    }
    switch (label) {
      case "OPENSSH PRIVATE KEY": return openSsh(der(body, label));
      case "RSA PRIVATE KEY": return rsaPkcs1(der(body, label));
      case "PRIVATE KEY": return pkcs8(der(body, label), secret);
      default: return secretHash(secret);
    }
  }

  private static byte[] der(String body, String label) {
    if (body.contains(":")) {
      throw new IllegalArgumentException("secret: unsupported PEM headers in " + label + "; " + REMOVE_PASSPHRASE);
    }
    try {
      return Base64.getMimeDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret: the " + label + " block is not valid base64");
    }
  }

  /** openssh-key-v1: magic, cipher, kdf, kdf options, key count, then the first public key blob. */
  private static String openSsh(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte[] magic = new byte[OPENSSH_MAGIC.length];
      in.get(magic);
      if (!MessageDigest.isEqual(magic, OPENSSH_MAGIC)) {
        throw new IllegalArgumentException("secret: not an openssh-key-v1 private key");
      }
      String cipher = new String(string(in), StandardCharsets.US_ASCII);
      if (!cipher.equals("none")) {
        throw new IllegalArgumentException("secret: the private key is encrypted; " + REMOVE_PASSPHRASE);
      }
      string(in); // kdf name
      string(in); // kdf options
      if (in.getInt() < 1) throw new IllegalArgumentException("secret: the OpenSSH key file holds no key");
      return sshFingerprint(string(in));
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("secret: the OpenSSH private key is truncated");
    }
  }

  /** RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... } (RFC 8017 A.1.2). */
  private static String rsaPkcs1(byte[] der) {
    try {
      ByteBuffer in = ByteBuffer.wrap(der);
      ByteBuffer seq = ByteBuffer.wrap(derValue(in, 0x30));
      derValue(seq, 0x02); // version
      BigInteger n = new BigInteger(derValue(seq, 0x02));
      BigInteger e = new BigInteger(derValue(seq, 0x02));
      return sshFingerprint(rsaBlob(e, n));
    } catch (BufferUnderflowException | IllegalArgumentException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("secret: the RSA PRIVATE KEY block is not a PKCS#1 RSA key");
    }
  }

  private static String pkcs8(byte[] der, byte[] secret) {
    try {
      if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey k) {
        return sshFingerprint(rsaBlob(k.getPublicExponent(), k.getModulus()));
      }
    } catch (GeneralSecurityException notRsa) {
      // EC or EdDSA: the public key is not derivable without more code than it is worth here
    }
    return secretHash(secret);
  }

  /** One DER TLV with the expected tag; short and long definite lengths. */
  private static byte[] derValue(ByteBuffer in, int tag) {
    if ((in.get() & 0xff) != tag) throw new IllegalArgumentException("unexpected DER tag");
    int len = in.get() & 0xff;
    if (len > 0x80) {
      int octets = len - 0x80;
      if (octets > 4) throw new IllegalArgumentException("DER length too long");
      len = 0;
      for (int i = 0; i < octets; i++) len = (len << 8) | (in.get() & 0xff);
    } else if (len == 0x80) {
      throw new IllegalArgumentException("indefinite DER length");
    }
    byte[] value = new byte[len];
    in.get(value);
    return value;
  }

  /** RFC 4253 6.6: string "ssh-rsa", mpint e, mpint n (BigInteger's two's complement is an mpint). */
  private static byte[] rsaBlob(BigInteger e, BigInteger n) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (byte[] part : new byte[][] {"ssh-rsa".getBytes(StandardCharsets.US_ASCII), e.toByteArray(), n.toByteArray()}) {
        out.writeInt(part.length);
        out.write(part);
      }
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return bytes.toByteArray();
  }

  private static byte[] string(ByteBuffer in) {
    int len = in.getInt();
    if (len < 0 || len > in.remaining()) throw new BufferUnderflowException();
    byte[] value = new byte[len];
    in.get(value);
    return value;
  }

  private static String sshFingerprint(byte[] publicKeyBlob) {
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(publicKeyBlob));
  }

  private static String secretHash(byte[] secret) {
    return "sha256:" + HexFormat.of().formatHex(sha256(secret), 0, 8);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
