package dev.suture.server.security;

import dev.suture.core.auth.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a REST handler method. Every handler must carry one: a handler without
 * it is refused for everyone (fail closed), and the role x endpoint matrix test lists it as a
 * defect. The matrix in docs/security.md is checked against these annotations by that test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allow {
  Role[] value();
}
