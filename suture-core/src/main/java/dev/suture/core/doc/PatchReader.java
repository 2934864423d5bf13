package dev.suture.core.doc;

import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchForm;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import java.util.Set;
import java.util.regex.Pattern;

final class PatchReader {
  private static final Set<String> SPEC = Set.of("title", "kind", "form", "priority", "version", "tickets", "cves");
  private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|[A-Z]+-[\\w.-]+");
  private PatchReader() {}

  static Patch read(String id, Node specNode) {
    Fields spec = new Fields(specNode, SPEC);
    var title = spec.text("title");
    var kind = spec.enumValue("kind", PatchKind.class);
    if (!spec.has("kind")) specNode.errorAt(specNode.child("kind"), "is required (security, bugfix, config, performance)");
    var form = spec.enumValue("form", PatchForm.class).orElse(PatchForm.PATCH);
    var priority = spec.enumValue("priority", Priority.class);
    if (!spec.has("priority")) specNode.errorAt(specNode.child("priority"), "is required (emergency, high, routine)");
    var version = spec.requiredText("version");
    var tickets = spec.strings("tickets");
    var cves = spec.strings("cves");
    spec.node("cves").ifPresent(n -> {
      for (int i = 0; i < cves.size(); i++)
        if (!CVE.matcher(cves.get(i)).matches())
          n.errorAt(n.path + "[" + i + "]", "'" + cves.get(i) + "' is not a vulnerability id like CVE-2024-3094");
    });
    if (kind.isEmpty() || priority.isEmpty() || version.isEmpty()) return null;
    return new Patch(id, title.orElse(id), kind.get(), form, priority.get(), version.get(), tickets, cves);
  }
}
