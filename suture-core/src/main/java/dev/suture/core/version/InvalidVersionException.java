package dev.suture.core.version;

/** A string that is not a version of the named scheme; the message names both and says why. */
public final class InvalidVersionException extends IllegalArgumentException {
  private final String scheme;
  private final String version;

  public InvalidVersionException(String scheme, String version, String why) {
    super("'" + version + "' is not a valid " + scheme + " version: " + why);
    this.scheme = scheme;
    this.version = version;
  }

  public String scheme() { return scheme; }

  public String version() { return version; }
}
