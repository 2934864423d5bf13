package dev.suture.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.template.Template;
import dev.suture.core.template.TemplateContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagePresetTest {
  private static final TemplateContext CTX = new TemplateContext("r-1",
      new Patch("p", "P", PatchKind.SECURITY, null, Priority.HIGH, "3.0.13-1~deb12u1", null, null),
      new Asset("web-1", "prod", "10.0.0.1", List.of(), Map.of(), Criticality.LOW));

  @TempDir Path tmp;

  @Test
  void onlyDoubleBracePlaceholdersAreRenderedSoDpkgAndRpmFormatsSurvive() {
    assertThat(Template.render(PackagePreset.APT.version("openssl", false), CTX))
        .containsExactly("dpkg-query", "-W", "-f=${Version}", "openssl");
    assertThat(Template.render(PackagePreset.DNF.version("openssl", true), CTX))
        .containsExactly("sudo", "-n", "rpm", "-q", "--qf", "%{VERSION}-%{RELEASE}", "openssl");
    assertThat(Template.render(PackagePreset.APT.apply("openssl", false), CTX)).last().isEqualTo("openssl=3.0.13-1~deb12u1");
    assertThat(Template.render(PackagePreset.YUM.apply("openssl", false), CTX)).last().isEqualTo("openssl-3.0.13-1~deb12u1");
    for (PackagePreset p : PackagePreset.values())
      for (List<String> argv : List.of(p.apply("x", true), p.version("x", true), p.rebootRequired(true).orElse(List.of())))
        for (String element : argv)
          assertThat(Template.variables(element)).allMatch(v -> v.equals("patch.version"));
  }

  @Test
  void everyPresetWithAProbeHasExitCodesAndApkHasNeither() {
    for (PackagePreset p : PackagePreset.values())
      assertThat(p.rebootRequired(false).isPresent()).as(p.id()).isEqualTo(!p.rebootRequiredExitCodes().isEmpty());
    assertThat(PackagePreset.APK.rebootRequired(false)).isEmpty();
    assertThat(PackagePreset.ids()).containsExactly("apt", "dnf", "yum", "zypper", "apk");
  }

  /** The apk probe script, run against a stand-in apk that prints what apk info -e -v prints. */
  @Test
  void apkVersionProbePrintsOnlyTheVersion() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path apk = bin.resolve("apk");
    Files.writeString(apk, """
        #!/bin/sh
        [ "$1 $2 $3" = "info -e -v" ] || exit 99
        case $4 in
          openssl) echo openssl-3.1.4-r5 ;;
          libstdc++) echo libstdc++-12.2.1_git20220924-r4 ;;
          *) exit 1 ;;
        esac
        """);
    Files.setPosixFilePermissions(apk, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(probe(bin, "openssl")).isEqualTo("0:3.1.4-r5\n");
    assertThat(probe(bin, "libstdc++")).isEqualTo("0:12.2.1_git20220924-r4\n");
    assertThat(probe(bin, "missing")).startsWith("1:");
  }

  private static String probe(Path bin, String pkg) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Template.render(PackagePreset.APK.version(pkg, false), CTX));
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() + ":" + out;
  }
}
