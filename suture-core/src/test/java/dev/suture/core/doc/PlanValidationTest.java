package dev.suture.core.doc;

import static dev.suture.core.doc.Parsing.errorsOf;
import static dev.suture.core.doc.Parsing.hasError;
import static dev.suture.core.doc.Parsing.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan-level checks: targets, executor, argv templates, snapshot, checks and failure policy. */
class PlanValidationTest {

  @Test
  void rejectsAnExecutorTypeThisServerDoesNotHave() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor:
            type: ssh
            apply: [apt-get, install, openssl]
          stages: [{wave: {percent: 100}}]
        """, 7, "spec.executor.type", "unknown executor type 'ssh'", "available: command");
  }

  @Test
  void rejectsArgvWrittenAsAShellStringBecauseNothingRunsThroughAShell() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor:
            type: command
            apply: "apt-get install -y openssl"
          stages: [{wave: {percent: 100}}]
        """, 8, "spec.executor.apply", "must be a list", "never run through a shell");
  }

  @Test
  void requiresTheApplyCommand() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor:
            type: command
          stages: [{wave: {percent: 100}}]
        """, 7, "spec.executor.apply", "is required", "list of arguments");
  }

  @Test
  void rejectsAnEmptyArgv() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: []}
          stages: [{wave: {percent: 100}}]
        """, 6, "spec.executor.apply", "must not be empty");
  }

  @Test
  void rejectsAnUnknownTemplateVariableNamingItAndTheKnownOnes() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor:
            type: command
            apply: [ssh, "{{target.hostname}}", uptime]
          stages: [{wave: {percent: 100}}]
        """, 8, "spec.executor.apply[1]", "unknown template variable {{target.hostname}}", "target.address");
  }

  @Test
  void rejectsAnUnknownTemplateVariableInACheckUrl() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - name: health
              http: {url: "http://{{target.ip}}/health"}
          stages: [{wave: {percent: 100}}]
        """, 9, "spec.checks[0].http.url", "{{target.ip}}");
  }

  @Test
  void reportsAnUnknownTemplateVariableAtTheLineOfItsElement() {
    List<ValidationError> errors = errorsOf("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor:
            type: command
            apply:
              - ssh
              - "{{target.hostname}}"
          stages: [{wave: {percent: 100}}]
        """);
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.line()).isEqualTo(10);
      assertThat(e.field()).startsWith("spec.executor.apply");
    });
  }

  @Test
  void rejectsABadSelectorTerm() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod,role"}
          executor: {type: command, apply: [true]}
          stages: [{wave: {percent: 100}}]
        """, 5, "spec.targets.selector", "'role'", "key=value");
  }

  @Test
  void reportsEveryMissingPlanSection() {
    List<ValidationError> errors = errorsOf("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          onFailure: {rollback: automatic}
        """);

    assertThat(errors).hasSize(3);
    hasError(errors, 5, "spec.targets", "is required");
    hasError(errors, 5, "spec.executor", "is required");
    hasError(errors, 5, "spec.stages", "is required");
  }

  @Test
  void requiresBothSnapshotCommands() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          snapshot:
            type: command
            create: [lvcreate, -s]
          stages: [{wave: {percent: 100}}]
        """, 8, "spec.snapshot.restore", "is required");
  }

  @Test
  void rejectsAStageReferringToACheckThatIsNotDefined() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - {name: health, command: {argv: [true]}}
          stages:
            - wave: {percent: 100}
            - verify: {checks: [health, latency]}
        """, 11, "spec.stages[1].verify.checks[1]", "no check named 'latency'", "spec.checks");
  }

  @Test
  void rejectsAStageThatNeedsChecksWhenThePlanHasNone() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          stages:
            - wave: {percent: 100}
            - bake: {duration: 10m}
        """, 9, "spec.stages[1].bake", "needs at least one entry in spec.checks");
  }

  @Test
  void rejectsTwoChecksWithTheSameName() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - {name: health, command: {argv: [true]}}
            - name: health
              http: {url: "http://{{target.address}}/"}
          stages: [{wave: {percent: 100}}]
        """, 9, "spec.checks[1].name", "duplicate check name 'health'");
  }

  @Test
  void rejectsACheckWithBothOrNeitherProbe() {
    List<ValidationError> errors = errorsOf("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - {name: both, command: {argv: [true]}, http: {url: "http://x/"}}
            - {name: neither}
          stages: [{wave: {percent: 100}}]
        """);

    assertThat(errors).hasSize(2);
    hasError(errors, 8, "spec.checks[0]", "exactly one of: http, command");
    hasError(errors, 9, "spec.checks[1]", "exactly one of: http, command");
  }

  @Test
  void rejectsABadRegularExpression() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - name: health
              http:
                url: "http://{{target.address}}/health"
                bodyRegex: "status: (ok"
          stages: [{wave: {percent: 100}}]
        """, 11, "spec.checks[0].http.bodyRegex", "invalid regular expression");
  }

  @Test
  void rejectsAnOutOfRangeStatus() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks:
            - {name: health, http: {url: "http://x/", expectStatus: 42}}
          stages: [{wave: {percent: 100}}]
        """, 8, "spec.checks[0].http.expectStatus", "between 100 and 599");
  }

  @Test
  void rejectsADurationWrittenInWords() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor:
            type: command
            apply: [true]
            timeout: 5 minutes
          stages: [{wave: {percent: 100}}]
        """, 9, "spec.executor.timeout", "'5 minutes' is not a duration", "1h30m");
  }

  @Test
  void rejectsAZeroTimeout() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true], timeout: 0s}
          stages: [{wave: {percent: 100}}]
        """, 6, "spec.executor.timeout", "greater than 0");
  }

  @Test
  void rejectsAnOverflowingDurationAsAValidationError() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          checks: [{name: up, command: {argv: [true]}}]
          stages:
            - wave: {percent: 100}
            - bake: {duration: 200000000000000d}
        """, 10, "spec.stages[1].bake.duration", "duration");
  }

  @Test
  void rejectsAnIncidentPriorityOutsideP0ToP4() {
    onlyError("""
        apiVersion: suture.dev/v1
        kind: Plan
        metadata: {name: p}
        spec:
          targets: {selector: "env=prod"}
          executor: {type: command, apply: [true]}
          stages: [{wave: {percent: 100}}]
          onFailure: {rollback: automatic, incident: sev1}
        """, 8, "spec.onFailure.incident", "'sev1'", "P0..P4");
  }
}
