package dev.suture.core.change;

import static dev.suture.core.change.Fixtures.ALICE;
import static dev.suture.core.change.Fixtures.BOB;
import static dev.suture.core.change.Fixtures.CAROL;
import static dev.suture.core.change.Fixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.change.PromotionHistory.Success;
import dev.suture.core.engine.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Protected environments need an approved change; the promotion order (with soak) holds unless an emergency overrides it. */
class RolloutAdmissionTest {
  static final String PATCH = "openssl-3.0.13";
  static final String PLAN = "openssl-security";
  final Instant now = Instant.parse("2026-11-22T10:00:00Z");
  final ChangeDecisions rules = new ChangeDecisions(POLICY, FreezeCheck.NONE);
  final RolloutAdmission admission = new RolloutAdmission(PromotionPolicy.defaults());
  final List<Success> stagingDoneYesterday = List.of(new Success("staging", "3.0.13", "r-1", now.minus(Duration.ofDays(1))));

  static RolloutAdmission.Request request(Optional<ChangeRequest> cr, String... envs) {
    return new RolloutAdmission.Request(PATCH, "3.0.13", PLAN, new TreeSet<>(List.of(envs)), cr);
  }

  ChangeRequest approvedNormal() {
    ChangeRequest cr = rules.submit("cr-1", Fixtures.normal(ALICE), ALICE, now).request();
    return rules.approve(rules.approve(cr, BOB, "", now).request(), CAROL, "", now).request();
  }

  ChangeRequest approvedEmergency() {
    return rules.approve(rules.submit("cr-9", Fixtures.emergency(ALICE, null), ALICE, now).request(), BOB, "", now).request();
  }

  @Test void productionWithoutAChangeRequestIsRefused() {
    Admission a = admission.decide(request(Optional.empty(), "production"), stagingDoneYesterday, now);
    assertThat(a.admitted()).isFalse();
    assertThat(a.refusals()).containsExactly("the rollout touches production: an APPROVED change request for patch openssl-3.0.13 "
        + "and plan openssl-security is required (changeRequest)");
    assertThatThrownBy(a::requireAdmitted).isInstanceOf(ConflictException.class).hasMessageStartingWith("rollout not admitted: ");
  }

  @Test void stagingNeedsNoChangeRequestAndProductionAdmitsWithAnApprovedOne() {
    assertThat(admission.decide(request(Optional.empty(), "staging"), List.of(), now).admitted()).isTrue();
    Admission a = admission.decide(request(Optional.of(approvedNormal()), "production"), stagingDoneYesterday, now);
    assertThat(a.refusals()).isEmpty();
    assertThat(a.overrides()).isEmpty();
  }

  @Test void productionBeforeStagingSucceededIsRefused() {
    Admission a = admission.decide(request(Optional.of(approvedNormal()), "production"), List.of(), now);
    assertThat(a.refusals()).contains("patch openssl-3.0.13 3.0.13 has not yet succeeded in staging, which comes before production "
        + "in the promotion order", "only an approved emergency change request may override the promotion order");
    // Staging and production in one rollout is still production before staging succeeded.
    assertThat(admission.decide(request(Optional.of(approvedNormal()), "staging", "production"), List.of(), now).admitted()).isFalse();
  }

  @Test void successOfAnotherPatchVersionInStagingDoesNotCount() {
    var oldVersion = List.of(new Success("staging", "3.0.12", "r-0", now.minus(Duration.ofDays(30))));
    assertThat(admission.decide(request(Optional.of(approvedNormal()), "production"), oldVersion, now).admitted()).isFalse();
  }

  @Test void theChangeRequestMustBeApprovedAndMatchPatchPlanAndEnvironments() {
    ChangeRequest submitted = rules.submit("cr-2", Fixtures.normal(ALICE), ALICE, now).request();
    assertThat(admission.decide(request(Optional.of(submitted), "production"), stagingDoneYesterday, now).refusals())
        .containsExactly("change request cr-2 is SUBMITTED, not APPROVED");
    ChangeRequest stagingOnly = rules.approve(rules.approve(rules.submit("cr-3", Fixtures.normal(ALICE, "staging"), ALICE, now).request(),
        BOB, "", now).request(), CAROL, "", now).request();
    assertThat(admission.decide(request(Optional.of(stagingOnly), "production"), stagingDoneYesterday, now).refusals())
        .containsExactly("change request cr-3 does not cover environment(s) production (it covers staging)");
    var otherPlan = new RolloutAdmission.Request(PATCH, "3.0.13", "other-plan", new TreeSet<>(List.of("production")),
        Optional.of(approvedNormal()));
    assertThat(admission.decide(otherPlan, stagingDoneYesterday, now).refusals())
        .containsExactly("change request cr-1 is for plan openssl-security, not other-plan");
  }

  @Test void soakTimeIsRespectedPerStep() {
    var gke = new RolloutAdmission(PromotionPolicy.parse("staging,production;management,main", "management=2d", "production,main"));
    ChangeRequest cr = rules.approve(rules.approve(rules.submit("cr-5", ChangeDraft.of(ChangeType.NORMAL, PATCH, PLAN, "alice", "GKE nodes",
        null, java.util.Set.of("main"), null), ALICE, now).request(), BOB, "", now).request(), CAROL, "", now).request();
    Instant managementDone = now.minus(Duration.ofDays(2)).plusSeconds(1);
    var history = List.of(new Success("management", "3.0.13", "r-7", managementDone));
    Admission early = gke.decide(request(Optional.of(cr), "main"), history, now);
    assertThat(early.refusals()).first().asString().contains("succeeded in management at " + managementDone)
        .contains("must soak there until " + managementDone.plus(Duration.ofDays(2)) + " before main");
    assertThat(gke.decide(request(Optional.of(cr), "main"), history, managementDone.plus(Duration.ofDays(2))).admitted())
        .as("admitted exactly when the soak ends").isTrue();
    assertThat(gke.decide(request(Optional.empty(), "staging"), List.of(), now).admitted()).as("chains are independent").isTrue();
  }

  @Test void anApprovedEmergencyOverridesThePromotionOrderAndSaysWhat() {
    Admission a = admission.decide(request(Optional.of(approvedEmergency()), "production"), List.of(), now);
    assertThat(a.admitted()).isTrue();
    assertThat(a.overrides()).containsExactly("patch openssl-3.0.13 3.0.13 has not yet succeeded in staging, which comes before "
        + "production in the promotion order");
  }

  @Test void anEmergencyDoesNotOverrideAMismatchedOrUnapprovedChange() {
    ChangeRequest pending = rules.submit("cr-9", Fixtures.emergency(ALICE, null), ALICE, now).request();
    assertThat(admission.decide(request(Optional.of(pending), "production"), List.of(), now).admitted()).isFalse();
  }

  @Test void policyParsingNamesTheBadSetting() {
    assertThatThrownBy(() -> PromotionPolicy.parse("staging,production", "qa=1d", "production"))
        .hasMessageContaining("suture.promotion.soak: 'qa' is not in suture.promotion.order");
    assertThatThrownBy(() -> PromotionPolicy.parse("staging,production;production,dr", "", ""))
        .hasMessageContaining("'production' appears twice");
    assertThatThrownBy(() -> PromotionPolicy.parse("a,b", "a:2d", "")).hasMessageContaining("is not environment=duration");
    PromotionPolicy p = PromotionPolicy.parse(" a , b ,c ", "b=90m", "c");
    assertThat(p.ahead("c")).containsExactly("a", "b");
    assertThat(p.ahead("a")).isEmpty();
    assertThat(p.ahead("elsewhere")).isEmpty();
    assertThat(p.soakIn("b")).isEqualTo(Duration.ofMinutes(90));
  }
}
