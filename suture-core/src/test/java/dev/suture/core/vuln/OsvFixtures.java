package dev.suture.core.vuln;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the OSV fixtures in src/test/resources/osv/ (built by hand from the schema's examples). */
final class OsvFixtures {
  private OsvFixtures() {}

  static String text(String name) {
    try (InputStream in = OsvFixtures.class.getResourceAsStream("/osv/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture osv/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static OsvRecord record(String name) { return OsvRecord.parse(text(name)); }
}
