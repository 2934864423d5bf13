package dev.suture.server.security;

import dev.suture.core.auth.Actor;
import dev.suture.core.auth.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link Allow} on Suture's own handlers, failing closed: a Suture handler without an
 * access rule is refused to everyone. Handlers that are not Suture's (actuator, OpenAPI docs)
 * need an authenticated caller of any role, which {@link AuthFilter} already ensured.
 */
public final class AccessInterceptor implements HandlerInterceptor {
  @Override public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod hm)) return true;
    boolean ours = hm.getBeanType().getPackageName().startsWith("dev.suture.");
    if (hm.hasMethodAnnotation(Public.class)) return true;
    Object a = request.getAttribute(CurrentActor.ATTRIBUTE);
    if (!(a instanceof Actor actor)) {
      // an open path (health) reached a handler that is not public: refuse rather than guess
      if (!ours) return true;
      throw new ForbiddenException("authentication required");
    }
    if (!ours) return true;
    Allow allow = hm.getMethodAnnotation(Allow.class);
    if (allow == null) throw new ForbiddenException("this endpoint has no access rule, so it is refused to everyone (a defect: report it)");
    for (Role r : allow.value()) if (actor.has(r)) return true;
    throw new ForbiddenException("requires one of the roles " + names(allow.value()) + "; " + actor.name() + " has "
        + (actor.roles().isEmpty() ? "none" : names(actor.roles().toArray(new Role[0]))));
  }

  private static String names(Role[] roles) {
    return Arrays.stream(roles).sorted().map(Role::wireName).collect(Collectors.joining(", ", "[", "]"));
  }
}
