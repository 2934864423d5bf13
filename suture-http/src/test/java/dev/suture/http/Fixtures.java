package dev.suture.http;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.template.TemplateContext;
import java.util.List;
import java.util.Map;

final class Fixtures {
  private Fixtures() {}

  static TemplateContext context(String address) {
    Asset target = new Asset("web1", "staging", address, List.of("web"), Map.of("role", "web"), null);
    Patch patch = new Patch("openssl-3.0.13", "OpenSSL fix", PatchKind.SECURITY, null, Priority.HIGH, "3.0.13", null, null);
    return new TemplateContext("r1", patch, target);
  }
}
