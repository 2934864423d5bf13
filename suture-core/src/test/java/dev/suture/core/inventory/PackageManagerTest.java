package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageManagerTest {
  private static java.util.Optional<PackageManager> of(String text) {
    return PackageManager.of(OsRelease.parse(text));
  }

  @Test
  void idDecidesFirstThenIdLikeInOrder() {
    assertThat(of("ID=debian\n")).contains(PackageManager.DPKG);
    assertThat(of("ID=ubuntu\n")).contains(PackageManager.DPKG);
    assertThat(of("ID=rocky\nID_LIKE=\"rhel centos fedora\"\n")).contains(PackageManager.RPM);
    assertThat(of("ID=almalinux\n")).contains(PackageManager.RPM);
    assertThat(of("ID=fedora\n")).contains(PackageManager.RPM);
    assertThat(of("ID=centos\n")).contains(PackageManager.RPM);
    assertThat(of("ID=rhel\n")).contains(PackageManager.RPM);
    assertThat(of("ID=alpine\n")).contains(PackageManager.APK);
    assertThat(of("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n")).contains(PackageManager.DPKG);
    assertThat(of("ID=ol\nID_LIKE=\"fedora\"\n")).contains(PackageManager.RPM);
    assertThat(of("ID=Debian\n")).contains(PackageManager.DPKG);
  }

  @Test
  void anUnknownReleaseHasNone() {
    assertThat(of("ID=plan9\n")).isEmpty();
    assertThat(of("ID=opensuse-leap\nID_LIKE=\"suse opensuse\"\n")).isEmpty();
    assertThat(of("")).isEmpty();
  }

  @Test
  void eachManagerRunsItsParsersFixedCommand() {
    assertThat(PackageManager.DPKG.command()).isEqualTo(DpkgQueryParser.COMMAND);
    assertThat(PackageManager.RPM.command()).isEqualTo(RpmQueryParser.COMMAND);
    assertThat(PackageManager.APK.command()).isEqualTo(ApkParser.COMMAND);
  }
}
