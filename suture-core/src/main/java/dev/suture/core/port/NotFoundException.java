package dev.suture.core.port;

public final class NotFoundException extends RuntimeException {
  public NotFoundException(String what, String id) { super("no such " + what + ": " + id); }
}
