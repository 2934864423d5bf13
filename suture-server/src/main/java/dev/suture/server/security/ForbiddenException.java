package dev.suture.server.security;

/** The caller is authenticated but their roles do not allow this (HTTP 403). */
public final class ForbiddenException extends RuntimeException {
  public ForbiddenException(String message) { super(message); }
}
