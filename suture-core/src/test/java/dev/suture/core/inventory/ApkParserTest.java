package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApkParserTest {
  private final ApkParser parser = new ApkParser();
  private final Parsed<InstalledPackage> parsed = parser.parse(Fixtures.read("apk-installed-alpine320.txt"));

  private InstalledPackage find(String name) {
    return parsed.rows().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name));
  }

  @Test
  void readsNameVersionArchAndOriginOfEachBlock() {
    assertThat(parsed.rows()).extracting(InstalledPackage::name).containsExactly(
        "musl", "libcrypto3", "libssl3", "busybox", "py3-pip", "ca-certificates-bundle",
        "alpine-baselayout-data", "zlib");
    assertThat(find("libcrypto3")).isEqualTo(new InstalledPackage("libcrypto3", "openssl", "3.3.2-r1", "3.3.2-r1", "x86_64"));
    assertThat(find("py3-pip")).isEqualTo(new InstalledPackage("py3-pip", "py-pip", "24.0-r2", "24.0-r2", "noarch"));
  }

  @Test
  void aPackageWithoutOriginIsItsOwnSource() {
    assertThat(find("alpine-baselayout-data").sourceName()).isEqualTo("alpine-baselayout-data");
  }

  @Test
  void problemsNameTheLineAndTheGoodPackagesAroundThemAreKept() {
    assertThat(parsed.problems()).extracting(LineProblem::line).containsExactly(76, 84, 88);
    assertThat(parsed.problems().get(0).reason()).contains("no-version-here").contains("no V:");
    assertThat(parsed.problems().get(1).text()).isEqualTo("this line is garbage");
    assertThat(parsed.problems().get(2).reason()).contains("badver").contains("1.0-rX");
    assertThat(find("zlib").arch()).isEqualTo("x86_64");
  }

  @Test
  void neverThrowsOnGarbage() {
    Parsed<InstalledPackage> p = parser.parse("V:1.0-r0\n\n\n:\nP:\n\nP:x\nV:\n");
    assertThat(p.rows()).isEmpty();
    assertThat(p.problems()).extracting(LineProblem::line).containsExactly(1, 4, 4, 7); // line 4 is both a bad line and a block without P:
  }
}
