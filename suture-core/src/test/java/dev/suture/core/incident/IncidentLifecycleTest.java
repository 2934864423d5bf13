package dev.suture.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.registry.FieldProblem;
import dev.suture.core.registry.InvalidFieldsException;
import dev.suture.core.rollout.IllegalTransitionException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentLifecycleTest {
  final Instant t = Instant.parse("2026-11-22T10:00:00Z");
  final Postmortem complete = new Postmortem("INC-1", "canary probe hit a stale config",
      List.of(new TimelineEntry(t, "canary failed health check")),
      List.of(new ActionItem("reload config in the precheck", "carol", LocalDate.parse("2026-12-01"), false)), "carol", null).complete(t);

  @Test void anIncidentCannotCloseWithoutAPostmortem() {
    assertThatThrownBy(() -> IncidentLifecycle.next("INC-1", IncidentState.RESOLVED, IncidentState.CLOSED, Optional.empty()))
        .isInstanceOfSatisfying(IncompletePostmortemException.class,
            e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("postmortem"));
  }

  @Test void anIncidentCannotCloseWithAnIncompletePostmortemAndIsToldWhatIsMissing() {
    Postmortem draft = new Postmortem("INC-1", " ", List.of(),
        List.of(new ActionItem("add alert", null, null, false), new ActionItem("", "dave", LocalDate.parse("2026-12-01"), false)),
        "carol", null);
    assertThatThrownBy(() -> IncidentLifecycle.next("INC-1", IncidentState.RESOLVED, IncidentState.CLOSED, Optional.of(draft)))
        .isInstanceOfSatisfying(IncompletePostmortemException.class, e -> assertThat(e.problems()).extracting(FieldProblem::field)
            .containsExactly("rootCause", "timeline", "actionItems[0].owner", "actionItems[0].due", "actionItems[1].description",
                "postmortem.completedAt"));
  }

  @Test void aCompleteContentNotMarkedCompleteByItsAuthorDoesNotCloseEither() {
    Postmortem unmarked = new Postmortem("INC-1", complete.rootCause(), complete.timeline(), complete.actionItems(), "carol", null);
    assertThatThrownBy(() -> IncidentLifecycle.next("INC-1", IncidentState.RESOLVED, IncidentState.CLOSED, Optional.of(unmarked)))
        .isInstanceOfSatisfying(IncompletePostmortemException.class,
            e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("postmortem.completedAt"));
  }

  @Test void aResolvedIncidentWithACompletePostmortemCloses() {
    assertThat(IncidentLifecycle.next("INC-1", IncidentState.RESOLVED, IncidentState.CLOSED, Optional.of(complete)))
        .isEqualTo(IncidentState.CLOSED);
    assertThat(complete.isComplete()).isTrue();
    assertThat(complete.completedAt()).isEqualTo(t);
  }

  @Test void aCompletePostmortemDoesNotLetAnOpenIncidentSkipToClosed() {
    assertThatThrownBy(() -> IncidentLifecycle.next("INC-1", IncidentState.OPEN, IncidentState.CLOSED, Optional.of(complete)))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @Test void markingCompleteIsRefusedWhileSomethingIsMissing() {
    Postmortem draft = new Postmortem("INC-1", "cause", List.of(new TimelineEntry(t, "x")), List.of(new ActionItem("fix", "erin", null, false)),
        "carol", null);
    assertThatThrownBy(() -> draft.complete(t)).isInstanceOf(InvalidFieldsException.class).hasMessage("actionItems[0].due: is required");
  }

  @Test void noActionItemsIsAcceptable() {
    Postmortem p = new Postmortem("INC-1", "cause", List.of(new TimelineEntry(t, "x")), List.of(), "carol", null);
    assertThat(p.problems()).isEmpty();
  }
}
