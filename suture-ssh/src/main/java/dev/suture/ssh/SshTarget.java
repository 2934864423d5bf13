package dev.suture.ssh;

import dev.suture.core.doc.Durations;
import dev.suture.core.port.ActionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach one target, from the asset's address and the plan's
 * {@code executor.options}. The asset address may carry a port ({@code host:2222},
 * {@code [::1]:2222}); it overrides {@code options.port}.
 */
record SshTarget(String user, String host, int port, String credentials, HostKeyPolicy policy, Path knownHosts,
                 Optional<String> jumpHost, Duration connectTimeout) {
  static final Set<String> OPTIONS = Set.of("user", "port", "credentials", "hostKeyPolicy", "knownHosts", "jumpHost",
      "connectTimeout");
  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern HOST_PORT = Pattern.compile(
      "^(?:\\[([0-9A-Fa-f:.]+)]|([A-Za-z0-9](?:[A-Za-z0-9._-]{0,251}[A-Za-z0-9])?))(?::(\\d{1,5}))?$");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}");
  private static final Pattern JUMP = Pattern.compile("^(?:([A-Za-z0-9_][A-Za-z0-9_.-]{0,31})@)?(?:\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::\\d{1,5})?$");

  /** Session identity: requests that agree on all of these share one SSH connection. */
  String sessionKey() {
    return user + "@" + host + ":" + port + "|" + credentials + "|" + policy + "|" + knownHosts + "|" + jumpHost.orElse("");
  }

  String display() { return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port; }

  static SshTarget of(ActionRequest request, Path defaultKnownHosts) {
    Map<String, String> o = request.options();
    for (String k : o.keySet())
      if (!OPTIONS.contains(k))
        throw new IllegalArgumentException("executor.options." + k + " is not an ssh option (known: " + String.join(", ", OPTIONS.stream().sorted().toList()) + ")");
    String user = o.getOrDefault("user", System.getProperty("user.name"));
    if (!USER.matcher(user).matches()) throw new IllegalArgumentException("executor.options.user: '" + user + "' is not a valid user name");
    String credentials = o.get("credentials");
    if (credentials == null || credentials.isBlank())
      throw new IllegalArgumentException("executor.options.credentials is required for ssh (the name of a stored credential; see `suture credentials list`)");
    int port = port(o.getOrDefault("port", "22"), "executor.options.port");
    String address = request.target().address();
    if (address == null || address.isBlank())
      throw new IllegalArgumentException("asset " + request.target().name() + " has no address to connect to");
    Matcher m = HOST_PORT.matcher(address.strip());
    if (!m.matches())
      throw new IllegalArgumentException("asset " + request.target().name() + ": address '" + address + "' is not host, host:port or [ipv6]:port");
    String host = m.group(1) != null ? m.group(1) : m.group(2);
    if (m.group(3) != null) port = port(m.group(3), "address of asset " + request.target().name());
    HostKeyPolicy policy = HostKeyPolicy.parse(o.getOrDefault("hostKeyPolicy", "strict"));
    Path knownHosts = o.containsKey("knownHosts") ? Path.of(o.get("knownHosts")) : defaultKnownHosts;
    Optional<String> jump = Optional.ofNullable(o.get("jumpHost")).filter(s -> !s.isBlank());
    jump.filter(j -> !JUMP.matcher(j).matches()).ifPresent(j -> {
      throw new IllegalArgumentException("executor.options.jumpHost: '" + j + "' is not [user@]host[:port]");
    });
    Duration connectTimeout = o.containsKey("connectTimeout") ? duration(o.get("connectTimeout")) : DEFAULT_CONNECT_TIMEOUT;
    return new SshTarget(user, host, port, credentials, policy, knownHosts, jump, connectTimeout);
  }

  private static int port(String s, String field) {
    try {
      int p = Integer.parseInt(s.strip());
      if (p >= 1 && p <= 65535) return p;
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(field + ": '" + s + "' is not a port (1-65535)");
  }

  private static Duration duration(String s) {
    try {
      Duration d = Durations.parse(s);
      if (!d.isNegative() && !d.isZero()) return d;
    } catch (RuntimeException e) {
      // fall through
    }
    throw new IllegalArgumentException("executor.options.connectTimeout: '" + s + "' is not a positive duration like 10s");
  }
}
