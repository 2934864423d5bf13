package dev.suture.core.contract;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.port.ActionKey;
import dev.suture.core.port.ActionKind;
import dev.suture.core.port.ActionRequest;
import dev.suture.core.template.TemplateContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Values the port contract tests (and the adapters' own tests) share. */
public final class ContractFixtures {
  private ContractFixtures() {}

  public static Asset asset(String name) {
    return new Asset(name, "staging", "127.0.0.1", List.of("web"), Map.of("role", "web"), null);
  }

  public static TemplateContext context(Asset target) {
    Patch patch = new Patch("openssl-3.0.13", "OpenSSL fix", PatchKind.SECURITY, null, Priority.HIGH, "3.0.13", null, null);
    return new TemplateContext("r1", patch, target);
  }

  public static ActionRequest request(Asset target, Duration timeout, String... argv) {
    return new ActionRequest(new ActionKey("r1", target.name(), ActionKind.APPLY, 1), target, List.of(argv), timeout, Map.of());
  }

  public static ActionRequest request(Duration timeout, String... argv) {
    return request(asset("web1"), timeout, argv);
  }
}
