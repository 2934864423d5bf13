package dev.suture.core.doc;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import java.util.Set;

final class AssetReader {
  private static final Set<String> SPEC = Set.of("environment", "address", "groups", "criticality");
  private AssetReader() {}

  static Asset read(String name, Fields meta, Node specNode) {
    Fields spec = new Fields(specNode, SPEC);
    var labels = meta.stringMap("labels");
    var env = spec.requiredText("environment");
    var address = spec.text("address").orElse("");
    var groups = spec.strings("groups");
    var criticality = spec.enumValue("criticality", Criticality.class).orElse(Criticality.MEDIUM);
    if (env.isEmpty()) return null;
    return new Asset(name, env.get(), address, groups, labels, criticality);
  }
}
