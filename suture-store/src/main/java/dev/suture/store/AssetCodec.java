package dev.suture.store;

import dev.suture.core.json.Json;
import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The asset a target run was resolved from, frozen as JSON so later edits do not change a running rollout. */
final class AssetCodec {
  private AssetCodec() {}

  static String encode(Asset a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("environment", a.environment());
    m.put("address", a.address());
    m.put("groups", a.groups());
    m.put("labels", a.labels());
    m.put("criticality", a.criticality().name());
    return Json.write(m);
  }

  @SuppressWarnings("unchecked")
  static Asset decode(String json) {
    Map<String, Object> m = Json.readObject(json);
    Map<String, String> labels = new LinkedHashMap<>();
    ((Map<String, Object>) m.get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    return new Asset((String) m.get("name"), (String) m.get("environment"), (String) m.get("address"),
        ((List<Object>) m.get("groups")).stream().map(String::valueOf).toList(), labels,
        Criticality.valueOf((String) m.get("criticality")));
  }
}
