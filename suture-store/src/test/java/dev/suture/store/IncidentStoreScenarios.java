package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.suture.core.incident.ActionItem;
import dev.suture.core.incident.IncidentCase;
import dev.suture.core.incident.IncidentState;
import dev.suture.core.incident.IncompletePostmortemException;
import dev.suture.core.incident.Postmortem;
import dev.suture.core.incident.TimelineEntry;
import dev.suture.core.port.Incident;
import dev.suture.core.port.NotFoundException;
import dev.suture.core.registry.FieldProblem;
import dev.suture.core.rollout.IllegalTransitionException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Incident lifecycle and post-mortems on a real database. */
abstract class IncidentStoreScenarios extends GovernanceStoreScenarios {

  Postmortem draft(String id, String owner) {
    return new Postmortem(id, "stale config on the canary", List.of(new TimelineEntry(clock.instant(), "canary health failed")),
        List.of(new ActionItem("reload config in precheck", owner, owner == null ? null : LocalDate.parse("2026-12-15"), false)),
        "ignored: the store records who saved it", null);
  }

  @Test void anIncidentClosesOnlyAfterResolutionAndACompletePostmortemAndEveryStepIsAudited() {
    Incident inc = openIncident("r1");
    String id = inc.id();
    assertThatThrownBy(() -> reviews.changeState(id, IncidentState.CLOSED, "carol", "", null)).isInstanceOf(IllegalTransitionException.class);
    reviews.changeState(id, IncidentState.MITIGATED, "carol", "rolled back", null);
    reviews.changeState(id, IncidentState.RESOLVED, "carol", "", null);

    Throwable none = catchThrowable(() -> reviews.changeState(id, IncidentState.CLOSED, "carol", "", null));
    assertThat(none).isInstanceOfSatisfying(IncompletePostmortemException.class,
        e -> assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("postmortem"));

    Throwable notComplete = catchThrowable(() -> reviews.savePostmortem(id, draft(id, null), true, "carol", null));
    assertFields(notComplete, "actionItems[0].owner", "actionItems[0].due");
    assertThat(reviews.find(id).orElseThrow().postmortem()).isEmpty();

    reviews.savePostmortem(id, draft(id, null), false, "carol", null);
    Throwable incomplete = catchThrowable(() -> reviews.changeState(id, IncidentState.CLOSED, "carol", "", null));
    assertThat(incomplete).isInstanceOfSatisfying(IncompletePostmortemException.class, e -> assertThat(e.problems())
        .extracting(FieldProblem::field).containsExactly("actionItems[0].owner", "actionItems[0].due", "postmortem.completedAt"));

    IncidentCase saved = reviews.savePostmortem(id, draft(id, "dave"), true, "carol", null);
    assertThat(saved.postmortem().orElseThrow().author()).isEqualTo("carol");
    assertThat(saved.postmortem().orElseThrow().completedAt()).isEqualTo(clock.instant());
    assertThat(saved.postmortem().orElseThrow().actionItems().get(0).due()).isEqualTo(LocalDate.parse("2026-12-15"));
    IncidentCase closed = reviews.changeState(id, IncidentState.CLOSED, "erin", "reviewed", saved.version());
    assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
    assertThat(store.rollouts().incidents()).extracting(Incident::state).containsExactly("CLOSED");

    assertThat(actions("incident/" + id)).containsExactly("incident.state", "incident.state", "postmortem.saved", "postmortem.saved",
        "incident.closed");
    assertThat(store.audit().verify().intact()).isTrue();
    refusedAsConflict(() -> reviews.savePostmortem(id, draft(id, "dave"), true, "carol", null), "is closed");
  }

  @Test void aStaleVersionIsRefused() {
    String id = openIncident("r1").id();
    IncidentCase before = reviews.find(id).orElseThrow();
    reviews.changeState(id, IncidentState.MITIGATED, "carol", "", before.version());
    refusedAsConflict(() -> reviews.savePostmortem(id, draft(id, "dave"), false, "dave", before.version()), "someone changed it");
  }

  @Test void listsEveryIncidentWithItsStateAndAnUnknownOneIsNotFound() {
    String a = openIncident("r1").id();
    String b = openIncident("r2").id();
    reviews.changeState(b, IncidentState.MITIGATED, "carol", "", null);
    assertThat(reviews.list()).extracting(IncidentCase::id, IncidentCase::state)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a, IncidentState.OPEN),
            org.assertj.core.groups.Tuple.tuple(b, IncidentState.MITIGATED));
    assertThatThrownBy(() -> reviews.changeState("INC-999", IncidentState.MITIGATED, "carol", "", null))
        .isInstanceOf(NotFoundException.class);
  }
}
