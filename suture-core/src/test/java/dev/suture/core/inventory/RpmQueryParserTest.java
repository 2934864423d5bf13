package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RpmQueryParserTest {
  private final RpmQueryParser parser = new RpmQueryParser();
  private final Parsed<InstalledPackage> parsed = parser.parse(Fixtures.read("rpm-qa-rocky9.txt"));

  private InstalledPackage find(String name) {
    return parsed.rows().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name));
  }

  @Test
  void readsEveryGoodRowAndSkipsSigningKeys() {
    assertThat(parsed.rows()).hasSize(19);
    assertThat(parsed.rows()).noneMatch(p -> p.name().equals("gpg-pubkey"));
  }

  @Test
  void epochZeroIsOmittedOtherEpochsPrefixTheEvr() {
    assertThat(find("bash")).isEqualTo(new InstalledPackage("bash", "bash", "5.1.8-9.el9", "5.1.8-9.el9", "x86_64"));
    assertThat(find("openssl-libs")).isEqualTo(new InstalledPackage("openssl-libs", "openssl",
        "1:3.0.7-27.el9_4.rocky.0.1", "1:3.0.7-27.el9_4.rocky.0.1", "x86_64"));
    assertThat(find("perl-libs").version()).isEqualTo("4:5.32.1-481.el9");
    assertThat(find("perl-libs").sourceName()).isEqualTo("perl");
  }

  @Test
  void sourceNameComesFromSourceRpmEvenWithHyphensAndDotsInIt() {
    assertThat(find("python3-libs").sourceName()).isEqualTo("python3.9");
    assertThat(find("libstdc++").sourceName()).isEqualTo("gcc");
    assertThat(find("glibc-langpack-en").sourceName()).isEqualTo("glibc");
    assertThat(find("shim-x64").sourceName()).isEqualTo("shim-unsigned-x64");
    assertThat(find("rocky-release").sourceVersion()).isEqualTo("9.4-1.7.el9");
  }

  @Test
  void tildeAndCaretVersionsAreKept() {
    assertThat(find("libfoo").version()).isEqualTo("1.0~rc1-1.el9");
    assertThat(find("libbar").version()).isEqualTo("2.0^20240101git-3.el9");
    assertThat(find("tzdata").arch()).isEqualTo("noarch");
  }

  @Test
  void malformedLinesAreReportedWithTheirNumbers() {
    assertThat(parsed.problems()).extracting(LineProblem::line).containsExactly(21, 22, 23, 24);
    assertThat(parsed.problems().get(0).reason()).contains("found 3");
    assertThat(parsed.problems().get(1).reason()).contains("EPOCHNUM 'x'");
    assertThat(parsed.problems().get(2).reason()).contains("SOURCERPM 'badsource.rpm'");
    assertThat(parsed.problems().get(3).reason()).contains("VERSION '1.0-beta'");
  }

  @Test
  void splitsSourceRpmFileNames() {
    assertThat(RpmQueryParser.splitSourceRpm("kernel-5.14.0-427.22.1.el9_4.src.rpm"))
        .containsExactly("kernel", "5.14.0", "427.22.1.el9_4");
    assertThat(RpmQueryParser.splitSourceRpm("a-1.src.rpm")).isNull();
    assertThat(RpmQueryParser.splitSourceRpm("-1-2.src.rpm")).isNull();
    assertThat(RpmQueryParser.splitSourceRpm("a-1-2.rpm")).isNull();
  }

  @Test
  void neverThrowsOnGarbage() {
    Parsed<InstalledPackage> p = parser.parse("a\t\t\t\t\t\n:::\nname\t99999999999\t1\t1\tx\t(none)\n");
    assertThat(p.rows()).isEmpty();
    assertThat(p.problems()).extracting(LineProblem::line).containsExactly(1, 2, 3);
  }
}
