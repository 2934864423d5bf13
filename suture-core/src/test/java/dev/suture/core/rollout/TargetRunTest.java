package dev.suture.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Asset;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TargetRunTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private final TargetRun pending = TargetRun.pending("r1", 0, new Asset("web-1", "production", null, null, null, null), T0);

  @Test
  void startsPendingAndUnassigned() {
    assertThat(pending.state()).isEqualTo(TargetState.PENDING);
    assertThat(pending.batch()).isEqualTo(TargetRun.UNASSIGNED);
  }

  @Test
  void failingAForwardStepRecordsTheReason() {
    TargetRun failed = pending.to(TargetState.APPLYING, T0).fail("exit 1", T0.plusSeconds(1));
    assertThat(failed.state()).isEqualTo(TargetState.FAILED);
    assertThat(failed.error()).isEqualTo("exit 1");
    assertThat(failed.updatedAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void failingARollbackEndsInRollbackFailed() {
    TargetRun rb = pending.to(TargetState.FAILED, T0).to(TargetState.ROLLING_BACK, T0);
    assertThat(rb.fail("restore exited 2", T0).state()).isEqualTo(TargetState.ROLLBACK_FAILED);
  }

  @Test
  void movingOnClearsAnEarlierError() {
    TargetRun rb = pending.fail("probe failed", T0).to(TargetState.ROLLING_BACK, T0);
    assertThat(rb.error()).isNull();
  }

  @Test
  void refusesAnIllegalStep() {
    assertThatThrownBy(() -> pending.to(TargetState.HEALTHY, T0)).isInstanceOf(IllegalTransitionException.class);
    TargetRun skipped = pending.to(TargetState.SKIPPED, T0);
    assertThatThrownBy(() -> skipped.fail("late", T0)).isInstanceOf(IllegalTransitionException.class);
  }
}
