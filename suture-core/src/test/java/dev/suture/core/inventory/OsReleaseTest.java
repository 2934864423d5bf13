package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OsReleaseTest {
  private static OsRelease read(String name) {
    return OsRelease.parse(Fixtures.read("os-release/" + name));
  }

  @Test
  void debian12() {
    OsRelease os = read("debian-12");
    assertThat(os.problems()).isEmpty();
    assertThat(os.id()).isEqualTo("debian");
    assertThat(os.idLike()).isEmpty();
    assertThat(os.versionId()).isEqualTo("12");
    assertThat(os.versionCodename()).isEqualTo("bookworm");
    assertThat(os.prettyName()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(os.osvEcosystem()).contains("Debian:12");
  }

  @Test
  void ubuntuLtsCarriesTheSuffixTheOsvSchemaRequires() {
    OsRelease os = read("ubuntu-22.04");
    assertThat(os.idLike()).containsExactly("debian");
    assertThat(os.versionCodename()).isEqualTo("jammy");
    assertThat(os.osvEcosystem()).contains("Ubuntu:22.04:LTS");
    assertThat(read("ubuntu-23.10").osvEcosystem()).contains("Ubuntu:23.10");
    // Without VERSION, Ubuntu's own rule decides (April of even years).
    assertThat(OsRelease.parse("ID=ubuntu\nVERSION_ID=24.04\n").osvEcosystem()).contains("Ubuntu:24.04:LTS");
    assertThat(OsRelease.parse("ID=ubuntu\nVERSION_ID=25.04\n").osvEcosystem()).contains("Ubuntu:25.04");
  }

  @Test
  void alpineUsesTheBranchWithAV() {
    assertThat(read("alpine-3.20").osvEcosystem()).contains("Alpine:v3.20");
    assertThat(read("alpine-3.20").prettyName()).isEqualTo("Alpine Linux v3.20");
    assertThat(read("alpine-edge").osvEcosystem()).isEmpty();
  }

  @Test
  void enterpriseLinuxes() {
    OsRelease rocky = read("rocky-9");
    assertThat(rocky.idLike()).containsExactly("rhel", "centos", "fedora");
    assertThat(rocky.osvEcosystem()).contains("Rocky Linux:9");
    assertThat(read("almalinux-9").osvEcosystem()).contains("AlmaLinux:9");
    assertThat(read("rhel-9").osvEcosystem()).contains("Red Hat:enterprise_linux:9::baseos");
    assertThat(OsRelease.parse("ID=rhel\nVERSION_ID=9.4\n").osvEcosystem()).isEmpty();
  }

  @Test
  void unknownsMapToNothing() {
    assertThat(read("linuxmint-21.3").osvEcosystem()).isEmpty();
    assertThat(read("debian-sid").osvEcosystem()).isEmpty();
    assertThat(read("debian-sid").versionCodename()).isEqualTo("trixie");
    OsRelease empty = OsRelease.parse("");
    assertThat(empty.id()).isEqualTo("linux");
    assertThat(empty.prettyName()).isEqualTo("Linux");
    assertThat(empty.osvEcosystem()).isEqualTo(Optional.empty());
  }

  @Test
  void quotingFollowsTheManPageAndBadLinesAreReported() {
    OsRelease os = read("malformed");
    assertThat(os.problems()).extracting(LineProblem::line).containsExactly(4, 7, 8, 9, 13);
    assertThat(os.problems().get(0).reason()).isEqualTo("VERSION_ID: unterminated double quote");
    assertThat(os.problems().get(2).reason()).contains("(bookworm)");
    assertThat(os.id()).isEqualTo("debian");
    assertThat(os.fields().get("NAME")).isEqualTo("Debian GNU/Linux");
    assertThat(os.prettyName()).isEqualTo("Debian \"custom\" $HOME \\\\ build");
    assertThat(os.fields().get("VARIANT")).isEqualTo("with space");
    assertThat(os.fields().get("HOME_URL")).isEqualTo("https://www.debian.org/");
    assertThat(os.idLike()).isEqualTo(List.of());
    assertThat(os.fields()).doesNotContainKeys("VERSION_ID", "VERSION", "BUILD_ID");
    // The release is unknown when its line is broken: no ecosystem rather than a guess.
    assertThat(os.osvEcosystem()).isEmpty();
  }

  @Test
  void neverThrowsOnGarbage() {
    OsRelease os = OsRelease.parse("A=\"\\\nB='\nC=\\\n=x\nD=\"x\"y\n\u0000\n");
    assertThat(os.fields()).isEmpty();
    assertThat(os.problems()).extracting(LineProblem::line).containsExactly(1, 2, 3, 4, 5, 6);
  }
}
