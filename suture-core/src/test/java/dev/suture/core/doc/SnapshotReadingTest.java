package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.suture.core.plan.FilesSnapshot;
import dev.suture.core.plan.Plan;
import dev.suture.core.plan.SnapshotSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec.snapshot: the command provider's new fields, and the files provider. */
class SnapshotReadingTest {

  /** A plan whose snapshot mapping is {@code snapshot} (YAML lines); the snapshot's first line is line 8. */
  private static String plan(String executorExtra, String snapshot) {
    return """
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]%s}
          snapshot:
        """.formatted(executorExtra) + snapshot.stripIndent().lines().map(l -> "    " + l + "\n").reduce("", String::concat)
        + "  stages: [{snapshot: {}}, {wave: {percent: 100}}]\n";
  }

  private static String plan(String snapshot) { return plan("", snapshot); }

  private static SnapshotSpec snapshot(String yaml) {
    return Parsing.PARSER.parse("plans.yaml", yaml).get(0).as(Plan.class).snapshot().orElseThrow();
  }

  @Test
  void commandSnapshotReadsDeleteAndRetain() {
    SnapshotSpec s = snapshot(plan("""
        type: command
        create: [snap, create, "{{rollout.id}}"]
        restore: [snap, restore, "{{rollout.id}}"]
        delete: [snap, delete, "{{rollout.id}}"]
        retain: 5
        """));

    assertThat(s).isEqualTo(new SnapshotSpec("command", List.of("snap", "create", "{{rollout.id}}"),
        List.of("snap", "restore", "{{rollout.id}}"), null, List.of("snap", "delete", "{{rollout.id}}"), 5));
  }

  @Test
  void commandSnapshotDefaultsToNoDeleteAndRetainThree() {
    SnapshotSpec s = snapshot(plan("type: command\ncreate: [c]\nrestore: [r]\n"));
    assertThat(s).isEqualTo(new SnapshotSpec("command", List.of("c"), List.of("r"), null));
    assertThat(s.delete()).isEmpty();
    assertThat(s.retain()).isEqualTo(3);
  }

  @Test
  void filesSnapshotExpandsIntoTheFixedScriptsWithValuesAsPositionalParameters() {
    SnapshotSpec s = snapshot(plan("""
        type: files
        paths: [/etc/nginx, "/etc/ssl/openssl.cnf"]
        timeout: 2m
        """));

    assertThat(s.type()).isEqualTo("files");
    assertThat(s.retain()).isEqualTo(3);
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.create()).containsExactly("sh", "-c", s.create().get(2), "suture-snapshot", "/var/lib/suture/snapshots",
        "{{rollout.id}}", "3", "/etc/nginx", "/etc/ssl/openssl.cnf");
    assertThat(s.restore()).containsExactly("sh", "-c", s.restore().get(2), "suture-snapshot", "/var/lib/suture/snapshots",
        "{{rollout.id}}", "/etc/nginx", "/etc/ssl/openssl.cnf");
    assertThat(s.delete()).containsExactly("sh", "-c", s.delete().get(2), "suture-snapshot", "/var/lib/suture/snapshots",
        "{{rollout.id}}");
    for (List<String> argv : List.of(s.create(), s.restore(), s.delete()))
      assertThat(argv.get(2)).startsWith("set -eu").doesNotContain("/etc/nginx").doesNotContain("{{");
    assertThat(s).isEqualTo(FilesSnapshot.spec("/var/lib/suture/snapshots", List.of("/etc/nginx", "/etc/ssl/openssl.cnf"), 3,
        Duration.ofMinutes(2), false));
  }

  @Test
  void filesSnapshotTakesDirRetainAndTheExecutorsBecome() {
    SnapshotSpec s = snapshot(plan(", become: true", """
        type: files
        paths: [/etc/app.conf]
        dir: /srv/snapshots
        retain: 7
        """));

    assertThat(s.create()).startsWith("sudo", "-n", "sh", "-c").endsWith("/srv/snapshots", "{{rollout.id}}", "7", "/etc/app.conf");
    assertThat(s.restore()).startsWith("sudo", "-n", "sh", "-c").endsWith("/srv/snapshots", "{{rollout.id}}", "/etc/app.conf");
    assertThat(s.delete()).startsWith("sudo", "-n", "sh", "-c").endsWith("/srv/snapshots", "{{rollout.id}}");
    assertThat(s.retain()).isEqualTo(7);
  }

  @Test
  void requiresPathsForFiles() {
    onlyError(plan("type: files\n"), 8, "spec.snapshot.paths", "is required with type: files");
  }

  @Test
  void rejectsAnEmptyPathList() {
    onlyError(plan("type: files\npaths: []\n"), 9, "spec.snapshot.paths", "must not be empty");
  }

  @Test
  void rejectsPathsWrittenAsOneString() {
    onlyError(plan("type: files\npaths: /etc/nginx\n"), 9, "spec.snapshot.paths", "must be a list");
  }

  @Test
  void rejectsARelativePath() {
    onlyError(plan("type: files\npaths: [/etc/nginx, etc/ssl]\n"), 9, "spec.snapshot.paths[1]", "absolute path");
  }

  @Test
  void rejectsADotDotSegment() {
    onlyError(plan("type: files\npaths: [/etc/nginx/../shadow]\n"), 9, "spec.snapshot.paths[0]", "..");
  }

  @Test
  void rejectsTheRootAndOtherUnsafeSpellings() {
    List<ValidationError> errors = errorsOf(plan("""
        type: files
        paths:
          - /
          - /etc//ssl
          - /etc/./ssl
          - /etc/ssl/
          - "/etc/a\\nb"
        """));
    assertThat(errors).hasSize(5);
    hasError(errors, 10, "spec.snapshot.paths[0]", "must not be /");
    hasError(errors, 11, "spec.snapshot.paths[1]", "//");
    hasError(errors, 12, "spec.snapshot.paths[2]", ". segment");
    hasError(errors, 13, "spec.snapshot.paths[3]", "must not end with /");
    hasError(errors, 14, "spec.snapshot.paths[4]", "line breaks");
  }

  @Test
  void rejectsOverlappingPaths() {
    List<ValidationError> errors = errorsOf(plan("type: files\npaths: [/etc/nginx, /etc/nginx/nginx.conf, /etc/nginx]\n"));
    assertThat(errors).hasSize(3);
    hasError(errors, 9, "spec.snapshot.paths[1]", "overlaps /etc/nginx");
    hasError(errors, 9, "spec.snapshot.paths[2]", "listed twice");
  }

  @Test
  void rejectsAPathThatContainsOrLiesInTheSnapshotDir() {
    onlyError(plan("type: files\npaths: [/var, /etc/x]\n"), 9, "spec.snapshot.paths[0]",
        "overlaps the snapshot directory /var/lib/suture/snapshots");
    onlyError(plan("type: files\npaths: [/etc/x, /srv/snap/r-1]\ndir: /srv/snap\n"), 9, "spec.snapshot.paths[1]",
        "overlaps the snapshot directory /srv/snap");
  }

  @Test
  void rejectsARelativeDirOrAnUnknownVariableInIt() {
    onlyError(plan("type: files\npaths: [/etc/x]\ndir: snapshots\n"), 10, "spec.snapshot.dir", "absolute path");
    onlyError(plan("type: files\npaths: [/etc/x]\ndir: \"/srv/{{target.host}}\"\n"), 10, "spec.snapshot.dir", "{{target.host}}");
  }

  @Test
  void rejectsAnUnknownVariableInAPath() {
    onlyError(plan("type: files\npaths: [\"/etc/{{target.host}}.conf\"]\n"), 9, "spec.snapshot.paths[0]", "{{target.host}}");
  }

  @Test
  void rejectsARetainBelowOne() {
    onlyError(plan("type: files\npaths: [/etc/x]\nretain: 0\n"), 10, "spec.snapshot.retain", "between 1 and");
  }

  @Test
  void rejectsCommandFieldsOnFilesAndFilesFieldsOnCommand() {
    onlyError(plan("type: files\npaths: [/etc/x]\ncreate: [snap]\n"), 10, "spec.snapshot.create", "only used with type: command");
    onlyError(plan("type: command\ncreate: [c]\nrestore: [r]\npaths: [/etc/x]\n"), 11, "spec.snapshot.paths",
        "only used with type: files");
  }

  @Test
  void rejectsAnUnknownSnapshotTypeListingBoth() {
    onlyError(plan("type: zfs\n"), 8, "spec.snapshot.type", "unknown snapshot type 'zfs'", "available: command, files");
  }

  @Test
  void stillRejectsUnknownSnapshotFields() {
    onlyError(plan("type: files\npaths: [/etc/x]\nretian: 2\n"), 10, "spec.snapshot.retian", "unknown field", "paths", "retain");
  }
}
