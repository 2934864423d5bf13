package dev.suture.core.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdvisoryIndexTest {
  static OsvRecord debian(String id, String modified, String ecosystem, String name, String fixed) {
    return OsvRecord.parse("""
        {"id": "%s", "modified": "%s", "affected": [{"package": {"ecosystem": "%s", "name": "%s"},
         "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%s"}]}]}]}
        """.formatted(id, modified, ecosystem, name, fixed));
  }

  @Test
  void indexesByEcosystemWithoutReleaseAndPackage() {
    AdvisoryIndex index = new AdvisoryIndex();
    index.add(OsvFixtures.record("debian-releases.json"));
    index.add(OsvFixtures.record("introduced-zero.json"));
    assertThat(index.candidates("Debian:12", "curl")).extracting(OsvRecord::id).containsExactly("DLA-demo-0008");
    assertThat(index.candidates("Debian:11", "curl")).extracting(OsvRecord::id).containsExactly("DLA-demo-0008");
    assertThat(index.candidates("debian:12", "openssl")).extracting(OsvRecord::id).containsExactly("DSA-demo-0006");
    assertThat(index.candidates("Alpine:v3.20", "curl")).isEmpty();
    assertThat(index.candidates("Debian:12", "libcurl4")).isEmpty();
  }

  @Test
  void newerModifiedReplacesOlderIsIgnored() {
    AdvisoryIndex index = new AdvisoryIndex();
    assertThat(index.add(debian("DSA-1", "2024-01-01T00:00:00Z", "Debian:12", "curl", "1.0-1"))).isTrue();
    // the new version names another package: the old key must no longer list it
    assertThat(index.replace(debian("DSA-1", "2024-02-01T00:00:00Z", "Debian:12", "wget", "1.0-1"))).isTrue();
    assertThat(index.candidates("Debian:12", "curl")).isEmpty();
    assertThat(index.candidates("Debian:12", "wget")).hasSize(1);
    assertThat(index.add(debian("DSA-1", "2024-01-15T00:00:00Z", "Debian:12", "curl", "1.0-1"))).isFalse();
    assertThat(index.add(debian("DSA-1", "2024-02-01T00:00:00Z", "Debian:12", "curl", "1.0-1"))).isFalse();
    assertThat(index.candidates("Debian:12", "curl")).isEmpty();
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void removeUnlinksEveryKey() {
    AdvisoryIndex index = new AdvisoryIndex();
    index.add(debian("DSA-1", "2024-01-01T00:00:00Z", "Debian:12", "curl", "1.0-1"));
    index.add(debian("DSA-2", "2024-01-01T00:00:00Z", "Debian:12", "curl", "2.0-1"));
    assertThat(index.remove("DSA-1")).isPresent();
    assertThat(index.remove("DSA-1")).isEmpty();
    assertThat(index.candidates("Debian:12", "curl")).extracting(OsvRecord::id).containsExactly("DSA-2");
    assertThat(index.get("DSA-1")).isEmpty();
  }
}
