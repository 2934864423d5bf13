package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import dev.suture.core.auth.ApiToken;
import dev.suture.core.auth.Role;
import dev.suture.core.auth.User;
import dev.suture.core.doc.Durations;
import dev.suture.core.port.UserStore;
import dev.suture.server.security.Accounts;
import dev.suture.server.security.Allow;
import dev.suture.server.security.Authenticator;
import dev.suture.server.security.Public;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Users, API tokens and login. Responses never carry a password hash; a token's secret only once, at creation. */
@RestController
@RequestMapping("/api/v1")
class UsersController {
  /** Login tokens expire; admins issue longer-lived ones explicitly (robots, CI). */
  private static final Duration LOGIN_TTL = Duration.ofDays(30);
  private final UserStore users;
  private final Accounts accounts;
  private final Authenticator authenticator;

  UsersController(UserStore users, Accounts accounts, Authenticator authenticator) {
    this.users = users;
    this.accounts = accounts;
    this.authenticator = authenticator;
  }

  public record UserView(String name, List<String> roles, boolean password, boolean disabled, Instant created) {
    static UserView of(User u) {
      return new UserView(u.name(), u.roles().stream().sorted().map(Role::wireName).toList(), u.passwordHash().isPresent(), u.disabled(),
          u.createdAt());
    }
  }

  public record TokenView(String id, String user, String label, Instant created, Instant expires, Instant lastUsed, Instant revoked) {
    static TokenView of(ApiToken t) {
      return new TokenView(t.id(), t.user(), t.label(), t.createdAt(), t.expiresAt().orElse(null), t.lastUsedAt().orElse(null),
          t.revokedAt().orElse(null));
    }
  }

  public record IssuedView(String id, String user, String token, Instant expires) {
    static IssuedView of(Accounts.Issued i) { return new IssuedView(i.token().id(), i.token().user(), i.secret(), i.token().expiresAt().orElse(null)); }
  }

  public record NewUser(String name, List<String> roles, String password) {}

  public record UserChange(List<String> roles, String password, Boolean disabled) {}

  public record NewToken(String label, String ttl) {}

  public record Login(String name, String password, String label) {}

  public record WhoAmI(String name, List<String> roles) {}

  @Public
  @PostMapping("/login")
  @ResponseStatus(HttpStatus.CREATED)
  IssuedView login(@RequestBody Login login) {
    if (login == null || login.name() == null || login.name().isBlank()) throw new FieldException("name", "is required");
    if (login.password() == null || login.password().isEmpty()) throw new FieldException("password", "is required");
    var actor = authenticator.login(login.name(), login.password())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, Authenticator.FAILURE));
    String label = login.label() == null || login.label().isBlank() ? "login" : login.label();
    return IssuedView.of(accounts.issueToken(actor.name(), label, Optional.of(LOGIN_TTL), actor.name()));
  }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/whoami")
  WhoAmI whoami() {
    var a = Actors.actor();
    return new WhoAmI(a.name(), a.roles().stream().sorted().map(Role::wireName).toList());
  }

  @Allow(ADMIN)
  @GetMapping("/users")
  List<UserView> list() { return users.list().stream().map(UserView::of).toList(); }

  @Allow(ADMIN)
  @PostMapping("/users")
  @ResponseStatus(HttpStatus.CREATED)
  UserView create(@RequestBody NewUser body) {
    if (body == null) throw new FieldException("name", "is required");
    String name = field("name", () -> User.requireName(body.name()));
    Set<Role> roles = roles(body.roles());
    if (roles.isEmpty()) throw new FieldException("roles", "at least one role is required");
    return UserView.of(field("password", () -> accounts.createUser(name, roles, Optional.ofNullable(body.password()), Actors.current())));
  }

  @Allow(ADMIN)
  @PatchMapping("/users/{name}")
  UserView update(@PathVariable String name, @RequestBody UserChange body) {
    if (body == null) throw new FieldException("roles", "nothing to change");
    Optional<Set<Role>> roles = Optional.ofNullable(body.roles()).map(UsersController::roles);
    if (roles.isPresent() && roles.get().isEmpty()) throw new FieldException("roles", "at least one role is required");
    return UserView.of(field("password", () -> accounts.update(name, roles, Optional.ofNullable(body.password()),
        Optional.ofNullable(body.disabled()), Actors.current())));
  }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/tokens")
  List<TokenView> tokens() {
    var a = Actors.actor();
    return users.tokens(a.has(ADMIN) ? null : a.name()).stream().map(TokenView::of).toList();
  }

  @Allow(ADMIN)
  @PostMapping("/users/{name}/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  IssuedView issue(@PathVariable String name, @RequestBody(required = false) NewToken body) {
    Optional<Duration> ttl = Optional.ofNullable(body == null ? null : body.ttl()).filter(s -> !s.isBlank())
        .map(s -> field("ttl", () -> Durations.parse(s)));
    String label = body == null || body.label() == null ? "" : body.label();
    return IssuedView.of(field("label", () -> accounts.issueToken(name, label, ttl, Actors.current())));
  }

  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @DeleteMapping("/tokens/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable String id) { accounts.revoke(id, Actors.actor()); }

  private static Set<Role> roles(List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (names != null) for (String n : names) roles.add(field("roles", () -> Role.fromWire(n)));
    return roles;
  }

  /** Runs a validation and reports its IllegalArgumentException against {@code name}. */
  private static <T> T field(String name, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new FieldException(name, m.startsWith(name + ": ") ? m.substring(name.length() + 2) : m);
    }
  }
}
