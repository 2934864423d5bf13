package dev.suture.server.security;

import dev.suture.core.auth.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request except health checks and the login call; anything else without
 * valid credentials is answered 401 here, before any controller (or actuator endpoint) runs.
 * Authorization (which role may call what) is {@link AccessInterceptor}'s job.
 */
public final class AuthFilter extends OncePerRequestFilter {
  static final String LOGIN_PATH = "/api/v1/login";
  private final Authenticator authenticator;

  public AuthFilter(Authenticator authenticator) { this.authenticator = authenticator; }

  static boolean isOpen(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) return true;
    return path.equals(LOGIN_PATH) && "POST".equals(request.getMethod());
  }

  @Override protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isOpen(request)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Actor> actor = authenticator.authenticate(request.getHeader("Authorization"));
    if (actor.isEmpty()) {
      boolean sent = request.getHeader("Authorization") != null;
      unauthorized(response, sent ? Authenticator.FAILURE
          : "authentication required: send 'Authorization: Bearer <token>' (suture login, or SUTURE_TOKEN)");
      return;
    }
    request.setAttribute(CurrentActor.ATTRIBUTE, actor.get());
    MDC.put("actor", actor.get().name());
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove("actor");
    }
  }

  private static void unauthorized(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"suture\"");
    response.setContentType("application/problem+json");
    byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"" + detail.replace("\"", "'")
        + "\"}").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
