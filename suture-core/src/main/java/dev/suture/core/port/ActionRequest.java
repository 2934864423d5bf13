package dev.suture.core.port;

import dev.suture.core.model.Asset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A fully rendered argv to run on (or for) a target, with the timeout the engine enforces. */
public record ActionRequest(ActionKey key, Asset target, List<String> argv, Duration timeout,
                            Map<String, String> options) {
  public ActionRequest {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) throw new IllegalArgumentException("argv is empty");
    options = Map.copyOf(options == null ? Map.of() : options);
  }
}
