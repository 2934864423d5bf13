package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OsvEcosystemsTest {
  @Test
  void debianUsesTheMajorRelease() {
    assertThat(OsvEcosystems.debian("12")).contains("Debian:12");
    assertThat(OsvEcosystems.debian("12.5")).contains("Debian:12");
    assertThat(OsvEcosystems.debian("bookworm")).isEmpty();
    assertThat(OsvEcosystems.debian("")).isEmpty();
  }

  @Test
  void ubuntuLtsFromTheSourceOrFromUbuntusRule() {
    assertThat(OsvEcosystems.ubuntu("22.04", null)).contains("Ubuntu:22.04:LTS");
    assertThat(OsvEcosystems.ubuntu("22.04.4", null)).contains("Ubuntu:22.04:LTS");
    assertThat(OsvEcosystems.ubuntu("23.10", null)).contains("Ubuntu:23.10");
    assertThat(OsvEcosystems.ubuntu("25.04", null)).contains("Ubuntu:25.04");
    assertThat(OsvEcosystems.ubuntu("22.04", false)).contains("Ubuntu:22.04");
    assertThat(OsvEcosystems.ubuntu("22.13", null)).isEmpty();
  }

  @Test
  void alpineBranchWithV() {
    assertThat(OsvEcosystems.alpine("3.20.1")).contains("Alpine:v3.20");
    assertThat(OsvEcosystems.alpine("3.20")).contains("Alpine:v3.20");
    assertThat(OsvEcosystems.alpine("3.21.0_alpha20240807")).isEmpty();
  }

  @Test
  void rpmDistributions() {
    assertThat(OsvEcosystems.rocky("9.4")).contains("Rocky Linux:9");
    assertThat(OsvEcosystems.almaLinux("8.10")).contains("AlmaLinux:8");
    assertThat(OsvEcosystems.redHatFromCpe("cpe:/o:redhat:enterprise_linux:9::baseos"))
        .contains("Red Hat:enterprise_linux:9::baseos");
    assertThat(OsvEcosystems.redHatFamily("9.4")).contains("Red Hat:enterprise_linux:9");
    assertThat(OsvEcosystems.redHatFamily("")).isEmpty();
  }
}
