package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.plan.ExecutorSpec;
import dev.suture.core.plan.Plan;
import dev.suture.core.plan.RebootSpec;
import dev.suture.core.plan.RebootSpec.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** executor.preset / package / become and executor.reboot: what they expand to, and how they are rejected. */
class ExecutorPresetTest {

  /** A plan whose executor mapping is {@code executor} (lines of YAML, indented by four spaces); it starts at line 6. */
  private static String plan(String executor) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor:
        """ + executor.stripIndent().lines().map(l -> "    " + l + "\n").reduce("", String::concat)
        + "  stages: [{wave: {percent: 100}}]\n";
  }

  private static ExecutorSpec executor(String executor) {
    return Parsing.PARSER.parse("plans.yaml", plan(executor)).get(0).as(Plan.class).executor();
  }

  @Test
  void aptPresetGeneratesApplyVersionAndTheRebootProbe() {
    ExecutorSpec ex = executor("""
        type: command
        preset: apt
        package: openssl
        reboot: ifRequired
        """);

    assertThat(ex.apply()).containsExactly("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
        "--only-upgrade", "-o", "Dpkg::Options::=--force-confold", "openssl={{patch.version}}");
    assertThat(ex.version()).containsExactly("dpkg-query", "-W", "-f=${Version}", "openssl");
    assertThat(ex.rollback()).isEmpty();
    assertThat(ex.reboot()).isEqualTo(new RebootSpec(Policy.IF_REQUIRED, List.of("test", "-e", "/var/run/reboot-required"),
        Set.of(0), List.of("systemctl", "reboot"), Duration.ofMinutes(10)));
  }

  @Test
  void dnfAndYumPresetsUseRpmNevrAndNeedsRestarting() {
    for (String manager : List.of("dnf", "yum")) {
      ExecutorSpec ex = executor("type: command\npreset: " + manager + "\npackage: openssl-libs\nreboot: ifRequired\n");

      assertThat(ex.apply()).containsExactly(manager, "-y", "-q", "install", "openssl-libs-{{patch.version}}");
      assertThat(ex.version()).containsExactly("rpm", "-q", "--qf", "%{VERSION}-%{RELEASE}", "openssl-libs");
      assertThat(ex.reboot().requiredProbe()).containsExactly("needs-restarting", "-r");
      assertThat(ex.reboot().requiredExitCodes()).containsExactly(1);
    }
  }

  @Test
  void zypperPreset() {
    ExecutorSpec ex = executor("type: command\npreset: zypper\npackage: libopenssl3\nreboot: ifRequired\n");

    assertThat(ex.apply()).containsExactly("zypper", "--non-interactive", "--quiet", "install", "-y",
        "libopenssl3={{patch.version}}");
    assertThat(ex.version()).containsExactly("rpm", "-q", "--qf", "%{VERSION}-%{RELEASE}", "libopenssl3");
    assertThat(ex.reboot().requiredProbe()).containsExactly("zypper", "needs-rebooting");
    assertThat(ex.reboot().requiredExitCodes()).containsExactly(102);
  }

  @Test
  void apkPresetProbesTheVersionWithAFixedScriptTakingTheNameAsAParameter() {
    ExecutorSpec ex = executor("type: command\npreset: apk\npackage: openssl\n");

    assertThat(ex.apply()).containsExactly("apk", "add", "--no-cache", "openssl={{patch.version}}");
    assertThat(ex.version()).hasSize(5).startsWith("sh", "-c").endsWith("suture-apk-version", "openssl");
    assertThat(ex.version().get(2)).doesNotContain("openssl").contains("\"$1\"");
    assertThat(ex.reboot()).isEqualTo(RebootSpec.NEVER);
  }

  @Test
  void becomePrefixesEveryGeneratedCommandWithSudoNonInteractive() {
    ExecutorSpec ex = executor("""
        type: command
        preset: dnf
        package: openssl
        become: true
        reboot: ifRequired
        """);

    assertThat(ex.apply()).containsExactly("sudo", "-n", "dnf", "-y", "-q", "install", "openssl-{{patch.version}}");
    assertThat(ex.version()).containsExactly("sudo", "-n", "rpm", "-q", "--qf", "%{VERSION}-%{RELEASE}", "openssl");
    assertThat(ex.reboot().requiredProbe()).containsExactly("sudo", "-n", "needs-restarting", "-r");
    assertThat(ex.reboot().command()).containsExactly("sudo", "-n", "systemctl", "reboot");
  }

  @Test
  void becomeDoesNotTouchCommandsWrittenInThePlan() {
    ExecutorSpec ex = executor("""
        type: command
        preset: apt
        package: openssl
        become: true
        apply: [/usr/local/bin/patch-openssl, "{{patch.version}}"]
        reboot: always
        rebootCommand: [shutdown, -r, +1]
        """);

    assertThat(ex.apply()).containsExactly("/usr/local/bin/patch-openssl", "{{patch.version}}");
    assertThat(ex.version()).containsExactly("sudo", "-n", "dpkg-query", "-W", "-f=${Version}", "openssl");
    assertThat(ex.reboot()).isEqualTo(new RebootSpec(Policy.ALWAYS, List.of(), Set.of(), List.of("shutdown", "-r", "+1"), null));
  }

  @Test
  void explicitApplyAndVersionOverrideThePreset() {
    ExecutorSpec ex = executor("""
        type: command
        preset: apt
        package: openssl
        apply: [apt-get, install, -y, "openssl={{patch.version}}"]
        version: [my-version-probe, openssl]
        """);

    assertThat(ex.apply()).containsExactly("apt-get", "install", "-y", "openssl={{patch.version}}");
    assertThat(ex.version()).containsExactly("my-version-probe", "openssl");
  }

  @Test
  void readsAnExplicitRebootProbeWithItsExitCodesAndReconnectTimeout() {
    ExecutorSpec ex = executor("""
        type: command
        apply: [true]
        reboot: ifRequired
        rebootRequired: [/usr/local/bin/needs-reboot]
        rebootRequiredExitCodes: [10, 11]
        reconnectTimeout: 20m
        """);

    assertThat(ex.reboot()).isEqualTo(new RebootSpec(Policy.IF_REQUIRED, List.of("/usr/local/bin/needs-reboot"),
        Set.of(10, 11), List.of("systemctl", "reboot"), Duration.ofMinutes(20)));
  }

  @Test
  void anExplicitProbeReplacesThePresetsAndDefaultsToExitCodeZero() {
    ExecutorSpec ex = executor("""
        type: command
        preset: dnf
        package: kernel-core
        reboot: ifRequired
        rebootRequired: [test, -e, /run/reboot-needed]
        """);

    assertThat(ex.reboot().requiredProbe()).containsExactly("test", "-e", "/run/reboot-needed");
    assertThat(ex.reboot().requiredExitCodes()).containsExactly(0);
  }

  @Test
  void rebootDefaultsToNever() {
    assertThat(executor("type: command\npreset: apt\npackage: openssl\n").reboot()).isEqualTo(RebootSpec.NEVER);
    assertThat(executor("type: command\napply: [true]\nreboot: never\n").reboot()).isEqualTo(RebootSpec.NEVER);
  }

  @Test
  void withoutAPresetApplyIsStillRequired() {
    onlyError(plan("type: command\nbecome: true\n"), 7, "spec.executor.apply", "is required");
  }

  @Test
  void requiresThePackageWithAPreset() {
    onlyError(plan("type: command\npreset: apt\n"), 8, "spec.executor.package", "is required with preset");
  }

  @Test
  void rejectsAPackageWithoutAPreset() {
    onlyError(plan("type: command\napply: [true]\npackage: openssl\n"), 9, "spec.executor.package", "only used with preset");
  }

  @Test
  void rejectsAnUnknownPresetListingTheAvailableOnes() {
    onlyError(plan("type: command\npreset: pacman\npackage: openssl\n"), 8, "spec.executor.preset",
        "unknown preset 'pacman'", "available: apt, dnf, yum, zypper, apk");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"openssl; reboot\"", "\"-oops\"", "\"open ssl\"", "\"openssl={{patch.version}}\"", "\"$(id)\""})
  void rejectsSomethingThatIsNotAPackageName(String name) {
    onlyError(plan("type: command\npreset: apt\npackage: " + name + "\n"), 9, "spec.executor.package", "is not a package name");
  }

  @Test
  void acceptsArchitectureQualifiedAndDottedPackageNames() {
    assertThat(executor("type: command\npreset: apt\npackage: libssl3:amd64\n").version())
        .containsExactly("dpkg-query", "-W", "-f=${Version}", "libssl3:amd64");
    assertThat(executor("type: command\npreset: dnf\npackage: python3.11-libs\n").apply())
        .endsWith("python3.11-libs-{{patch.version}}");
  }

  @Test
  void rejectsBecomeThatIsNotABoolean() {
    onlyError(plan("type: command\npreset: apt\npackage: openssl\nbecome: yes please\n"), 10, "spec.executor.become",
        "not true or false");
  }

  @Test
  void rejectsIfRequiredWithoutAnyProbe() {
    onlyError(plan("type: command\napply: [true]\nreboot: ifRequired\n"), 9, "spec.executor.rebootRequired",
        "is required with reboot: ifRequired");
  }

  @Test
  void rejectsIfRequiredWithApkBecauseApkHasNoProbe() {
    onlyError(plan("type: command\npreset: apk\npackage: openssl\nreboot: ifRequired\n"), 10,
        "spec.executor.rebootRequired", "is required with reboot: ifRequired", "preset apk has no reboot-required probe");
  }

  @Test
  void acceptsIfRequiredWithApkWhenAProbeIsGiven() {
    ExecutorSpec ex = executor("""
        type: command
        preset: apk
        package: linux-lts
        reboot: ifRequired
        rebootRequired: [/usr/local/bin/kernel-changed]
        """);
    assertThat(ex.reboot().policy()).isEqualTo(Policy.IF_REQUIRED);
    assertThat(ex.reboot().requiredProbe()).containsExactly("/usr/local/bin/kernel-changed");
  }

  @Test
  void rejectsAnUnknownRebootPolicy() {
    onlyError(plan("type: command\napply: [true]\nreboot: sometimes\n"), 9, "spec.executor.reboot",
        "'sometimes' is not one of never, ifRequired, always");
  }

  @Test
  void rejectsExitCodesWithoutAnExplicitProbe() {
    onlyError(plan("type: command\npreset: apt\npackage: openssl\nreboot: ifRequired\nrebootRequiredExitCodes: [0]\n"), 11,
        "spec.executor.rebootRequiredExitCodes", "only used with rebootRequired");
  }

  @Test
  void rejectsBadExitCodes() {
    var errors = errorsOf(plan("""
        type: command
        apply: [true]
        reboot: ifRequired
        rebootRequired: [check]
        rebootRequiredExitCodes: [0, 256, one]
        """));
    assertThat(errors).hasSize(2);
    hasError(errors, 11, "spec.executor.rebootRequiredExitCodes[1]", "between 0 and 255");
    hasError(errors, 11, "spec.executor.rebootRequiredExitCodes[2]", "'one' is not an exit code");
  }

  @Test
  void rejectsARebootCommandWrittenAsAShellString() {
    onlyError(plan("type: command\napply: [true]\nreboot: always\nrebootCommand: \"shutdown -r now\"\n"), 10,
        "spec.executor.rebootCommand", "must be a list");
  }

  @Test
  void rejectsAZeroReconnectTimeout() {
    onlyError(plan("type: command\napply: [true]\nreboot: always\nreconnectTimeout: 0s\n"), 10,
        "spec.executor.reconnectTimeout", "greater than 0");
  }

  @Test
  void rejectsAnUnknownTemplateVariableInTheRebootProbe() {
    onlyError(plan("type: command\napply: [true]\nreboot: ifRequired\nrebootRequired: [check, \"{{target.ip}}\"]\n"), 10,
        "spec.executor.rebootRequired[1]", "unknown template variable {{target.ip}}");
  }

  @Test
  void stillRejectsUnknownExecutorFieldsListingTheNewOnes() {
    onlyError(plan("type: command\npreset: apt\npackage: openssl\nrebooot: always\n"), 10, "spec.executor.rebooot",
        "unknown field", "preset", "package", "become", "reboot", "rebootRequired", "rebootRequiredExitCodes",
        "rebootCommand", "reconnectTimeout");
  }
}
