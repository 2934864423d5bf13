package dev.suture.server.api;

/** The caller may reach the endpoint but lacks the role this particular action needs (HTTP 403). */
final class RoleRequiredException extends RuntimeException {
  RoleRequiredException(String message) { super(message); }
}
