package dev.suture.ssh;

import dev.suture.core.model.Asset;
import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.Credential;
import dev.suture.ssh.testing.MemoryCredentials;
import dev.suture.ssh.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An {@link Sshd} plus the credentials and options a plan would use to reach its fake hosts. */
final class SshFleet {
  final Sshd sshd;
  final MemoryCredentials credentials = new MemoryCredentials();
  final Path knownHosts;

  SshFleet(Sshd sshd, int hosts) throws Exception {
    this.sshd = sshd;
    credentials.put("test-ed25519", Credential.SSH_KEY, Files.readAllBytes(sshd.ed25519Key()));
    credentials.put("test-rsa", Credential.SSH_KEY, Files.readAllBytes(sshd.rsaKey()));
    List<String> addrs = new java.util.ArrayList<>(Sshd.addresses(hosts));
    addrs.add("127.0.0.1");
    this.knownHosts = sshd.knownHosts(addrs);
  }

  Map<String, String> options() { return options(Map.of()); }

  Map<String, String> options(Map<String, String> extra) {
    Map<String, String> o = new HashMap<>();
    o.put("user", sshd.user());
    o.put("port", String.valueOf(sshd.port()));
    o.put("credentials", "test-ed25519");
    o.put("knownHosts", knownHosts.toString());
    o.putAll(extra);
    return o;
  }

  static Asset asset(String name, String address) {
    return new Asset(name, "staging", address, List.of("web"), Map.of("role", "web"), null);
  }

  ActionRequest request(String address, Duration timeout, Map<String, String> options, String... argv) {
    Asset a = asset("host-" + address, address);
    return new ActionRequest(new ActionKey("r1", a.name(), ActionKind.APPLY, 1), a, List.of(argv), timeout, options);
  }

  ActionRequest request(String address, Duration timeout, String... argv) {
    return request(address, timeout, options(), argv);
  }
}
