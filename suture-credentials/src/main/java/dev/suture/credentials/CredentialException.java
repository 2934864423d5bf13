package dev.suture.credentials;

/**
 * The credential store cannot do its job: a bad or missing master key, a file it must not trust, a
 * ciphertext that does not decrypt. Messages name the file, variable or credential involved and
 * never carry key or secret material.
 */
public class CredentialException extends RuntimeException {
  public CredentialException(String message) { super(message); }

  public CredentialException(String message, Throwable cause) { super(message, cause); }
}
