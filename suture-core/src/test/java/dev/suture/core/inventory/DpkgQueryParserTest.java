package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DpkgQueryParserTest {
  private final DpkgQueryParser parser = new DpkgQueryParser();
  private final Parsed<InstalledPackage> parsed = parser.parse(Fixtures.read("dpkg-query-debian12.txt"));

  private InstalledPackage find(String name, String arch) {
    return parsed.rows().stream().filter(p -> p.name().equals(name) && p.arch().equals(arch)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " " + arch));
  }

  @Test
  void keepsEveryInstalledRowOfARealDebian12Capture() {
    // 49 captured "ii" rows + libc6:i386, a held kernel (hi), a half-configured openssh-server
    // (iF) and a row from a dpkg without source:* fields.
    assertThat(parsed.rows()).hasSize(53);
  }

  @Test
  void multiarchQualifierIsStrippedAndBothArchitecturesKept() {
    assertThat(find("libc6", "amd64")).isEqualTo(
        new InstalledPackage("libc6", "glibc", "2.36-9+deb12u14", "2.36-9+deb12u14", "amd64"));
    assertThat(find("libc6", "i386").sourceName()).isEqualTo("glibc");
    assertThat(parsed.rows()).noneMatch(p -> p.name().contains(":"));
  }

  @Test
  void sourcePackageAndVersionMayDifferFromTheBinary() {
    assertThat(find("bash", "amd64")).isEqualTo(new InstalledPackage("bash", "bash", "5.2.15-2+b8", "5.2.15-2", "amd64"));
    assertThat(find("cpp", "amd64")).isEqualTo(new InstalledPackage("cpp", "gcc-defaults", "4:12.2.0-3", "1.203", "amd64"));
    assertThat(find("dmsetup", "amd64")).isEqualTo(
        new InstalledPackage("dmsetup", "lvm2", "2:1.02.185-2", "2.03.16-2", "amd64"));
    // The epoch belongs to the binary here, not to util-linux's source version.
    assertThat(find("bsdutils", "amd64").version()).isEqualTo("1:2.38.1-5+deb12u3");
    assertThat(find("bsdutils", "amd64").sourceVersion()).isEqualTo("2.38.1-5+deb12u3");
  }

  @Test
  void tildeAndPlusVersionsAreKeptVerbatim() {
    assertThat(find("less", "amd64").version()).isEqualTo("590-2.1~deb12u2");
    assertThat(find("libargon2-1", "amd64").version()).isEqualTo("0~20171227-0.3+deb12u1");
    assertThat(find("ca-certificates-java", "all").version()).isEqualTo("20230710~deb12u1");
  }

  @Test
  void heldAndHalfConfiguredPackagesAreInstalledButRemovedOnesAreNot() {
    assertThat(find("linux-image-6.1.0-30-amd64", "amd64").sourceName()).isEqualTo("linux-signed-amd64");
    assertThat(find("openssh-server", "amd64").version()).isEqualTo("1:9.2p1-2+deb12u5");
    List<String> names = parsed.rows().stream().map(InstalledPackage::name).collect(Collectors.toList());
    assertThat(names).doesNotContain("exim4-base", "ntp");
  }

  @Test
  void emptySourceFieldsFallBackToTheBinary() {
    assertThat(find("old-dpkg-row", "amd64")).isEqualTo(
        new InstalledPackage("old-dpkg-row", "old-dpkg-row", "2.3-1", "2.3-1", "amd64"));
  }

  @Test
  void malformedLinesAreReportedWithTheirNumbersAndTheRestIsKept() {
    assertThat(parsed.problems()).extracting(LineProblem::line).containsExactly(55, 56, 57, 59);
    assertThat(parsed.problems().get(0).reason()).contains("6 tab-separated fields, found 3");
    assertThat(parsed.problems().get(1).reason()).startsWith("Version:").contains("1:");
    assertThat(parsed.problems().get(2).reason()).contains("libfoo1:arm64").contains("amd64");
    assertThat(parsed.problems().get(3).reason()).contains("zz");
    assertThat(parsed.problems().get(0).text()).isEqualTo("broken-truncated\tbroken\t1.0-1");
  }

  @Test
  void neverThrowsOnGarbage() {
    Parsed<InstalledPackage> p = parser.parse("\u0000\t\t\t\t\t\nx\r\n\n\t\t\t\t\t\t\ta\n");
    assertThat(p.rows()).isEmpty();
    assertThat(p.problems()).extracting(LineProblem::line).containsExactly(1, 2, 4);
    assertThat(parser.parse("").rows()).isEmpty();
    assertThat(parser.parse(null).problems()).isEmpty();
  }

  @Test
  void crlfLineEndingsAreAccepted() {
    Parsed<InstalledPackage> p = parser.parse("zlib1g:amd64\tzlib\t1:1.2.13.dfsg-1\t1:1.2.13.dfsg-1\tamd64\tii \r\n");
    assertThat(p.problems()).isEmpty();
    assertThat(p.rows()).containsExactly(new InstalledPackage("zlib1g", "zlib", "1:1.2.13.dfsg-1", "1:1.2.13.dfsg-1", "amd64"));
  }
}
