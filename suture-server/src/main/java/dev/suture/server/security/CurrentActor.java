package dev.suture.server.security;

import dev.suture.core.auth.Actor;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The authenticated actor of the request being served, put there by {@link AuthFilter}. */
public final class CurrentActor {
  public static final String ATTRIBUTE = CurrentActor.class.getName();

  private CurrentActor() {}

  /** @throws IllegalStateException outside an authenticated request (a wiring bug, not a user error) */
  public static Actor get() {
    RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
    Object a = attrs == null ? null : attrs.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (a instanceof Actor actor) return actor;
    throw new IllegalStateException("no authenticated actor on this request");
  }
}
