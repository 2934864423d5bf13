package dev.suture.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditChainTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.123456Z");

  /** Five events, sequence 1..5, as an append-only log would seal them. */
  private static List<AuditEvent> chain() {
    List<AuditEvent> out = new ArrayList<>();
    String previous = AuditChain.GENESIS;
    for (int i = 1; i <= 5; i++) {
      AuditRecord r = AuditRecord.of("alice", "rollout.step", "rollout/r-1", "step", i, "ok", true);
      AuditEvent e = AuditChain.seal(i, T0.plusSeconds(i), r, previous);
      out.add(e);
      previous = e.hash();
    }
    return out;
  }

  private static AuditVerification verify(List<AuditEvent> events) {
    AuditChain.Verifier v = new AuditChain.Verifier();
    events.forEach(v::accept);
    return v.result();
  }

  private static AuditEvent copy(AuditEvent e, String actor, String action, String subject, String details, Instant time) {
    return new AuditEvent(e.sequence(), time, actor, action, subject, details, e.previousHash(), e.hash());
  }

  static Stream<Named<UnaryOperator<AuditEvent>>> edits() {
    return Stream.of(
        Named.of("actor", e -> copy(e, "mallory", e.action(), e.subject(), e.details(), e.time())),
        Named.of("action", e -> copy(e, e.actor(), "rollout.nothing", e.subject(), e.details(), e.time())),
        Named.of("subject", e -> copy(e, e.actor(), e.action(), "rollout/r-2", e.details(), e.time())),
        Named.of("details", e -> copy(e, e.actor(), e.action(), e.subject(), e.details().replace("true", "false"), e.time())),
        Named.of("time", e -> copy(e, e.actor(), e.action(), e.subject(), e.details(), e.time().plusSeconds(1))),
        Named.of("time by a microsecond", e -> copy(e, e.actor(), e.action(), e.subject(), e.details(), e.time().plusNanos(1000))),
        Named.of("hash", e -> new AuditEvent(e.sequence(), e.time(), e.actor(), e.action(), e.subject(), e.details(),
            e.previousHash(), "f" + e.hash().substring(1))));
  }

  @Test
  void acceptsAnIntactChain() {
    AuditVerification result = verify(chain());

    assertThat(result.intact()).isTrue();
    assertThat(result.events()).isEqualTo(5);
    assertThat(result.firstBadSequence()).isNull();
  }

  @Test
  void acceptsAnEmptyChain() {
    assertThat(verify(List.of())).isEqualTo(AuditVerification.intact(0));
  }

  @Test
  void sealsEachEventOnTheHashOfTheOneBefore() {
    List<AuditEvent> events = chain();
    assertThat(events.get(0).previousHash()).isEqualTo(AuditChain.GENESIS).hasSize(64).matches("0+");
    for (int i = 1; i < events.size(); i++) assertThat(events.get(i).previousHash()).isEqualTo(events.get(i - 1).hash());
    assertThat(events.get(0).hash()).matches("[0-9a-f]{64}");
  }

  @ParameterizedTest(name = "editing {0}")
  @MethodSource("edits")
  void editingAnyFieldOfOneEventBreaksTheChainAtThatEvent(UnaryOperator<AuditEvent> edit) {
    List<AuditEvent> events = new ArrayList<>(chain());
    events.set(2, edit.apply(events.get(2)));

    AuditVerification result = verify(events);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBadSequence()).isEqualTo(3L);
    assertThat(result.reason()).contains("hash mismatch", "edited");
  }

  @Test
  void deletingAMiddleEventIsReportedAsASequenceGap() {
    List<AuditEvent> events = new ArrayList<>(chain());
    events.remove(2);

    AuditVerification result = verify(events);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBadSequence()).isEqualTo(4L);
    assertThat(result.reason()).contains("sequence gap", "expected 3");
  }

  @Test
  void reorderingEventsBreaksTheChain() {
    List<AuditEvent> events = new ArrayList<>(chain());
    events.set(1, chain().get(2));
    events.set(2, chain().get(1));

    AuditVerification result = verify(events);

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBadSequence()).isEqualTo(3L);
  }

  @Test
  void renumberingAfterADeletionStillBreaksOnThePreviousHash() {
    List<AuditEvent> events = new ArrayList<>(chain());
    AuditEvent third = events.remove(2);
    AuditEvent fourth = events.get(2);
    events.set(2, new AuditEvent(third.sequence(), fourth.time(), fourth.actor(), fourth.action(), fourth.subject(),
        fourth.details(), fourth.previousHash(), fourth.hash()));

    AuditVerification result = verify(events);

    assertThat(result.firstBadSequence()).isEqualTo(3L);
    assertThat(result.reason()).contains("previous hash");
  }

  @Test
  void theFirstEventMustChainFromGenesis() {
    AuditEvent first = AuditChain.seal(1, T0, AuditRecord.of("alice", "a", "s"), "ab".repeat(32));

    AuditVerification result = verify(List.of(first));

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBadSequence()).isEqualTo(1L);
    assertThat(result.reason()).contains("previous hash", AuditChain.GENESIS);
  }

  @Test
  void droppingTheFirstEventIsDetected() {
    AuditVerification result = verify(chain().subList(1, 5));

    assertThat(result.intact()).isFalse();
    assertThat(result.firstBadSequence()).isEqualTo(2L);
  }

  @Test
  void stopsAtTheFirstBreak() {
    List<AuditEvent> events = chain();
    AuditChain.Verifier v = new AuditChain.Verifier();
    assertThat(v.accept(events.get(0))).isTrue();
    assertThat(v.accept(events.get(2))).isFalse();
    assertThat(v.accept(events.get(1))).isFalse();
    assertThat(v.result().firstBadSequence()).isEqualTo(3L);
  }

  @Test
  void detailsAreCanonicalWhateverTheKeyOrder() {
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", Map.of("y", 2, "x", List.of("q")));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", new LinkedHashMap<>(Map.of("x", List.of("q"), "y", 2)));
    ba.put("a", 1);

    AuditEvent one = AuditChain.seal(7, T0, new AuditRecord("bob", "act", "sub", ab), AuditChain.GENESIS);
    AuditEvent two = AuditChain.seal(7, T0, new AuditRecord("bob", "act", "sub", ba), AuditChain.GENESIS);

    assertThat(one.details()).isEqualTo("{\"a\":1,\"b\":{\"x\":[\"q\"],\"y\":2}}");
    assertThat(two.details()).isEqualTo(one.details());
    assertThat(two.hash()).isEqualTo(one.hash());
  }

  @Test
  void keepsTimeToMicrosecondsSoStoredRowsVerify() {
    AuditEvent e = AuditChain.seal(1, Instant.parse("2024-05-01T10:00:00.123456789Z"), AuditRecord.of("a", "b", "c"),
        AuditChain.GENESIS);

    assertThat(e.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456Z"));
    assertThat(verify(List.of(e)).intact()).isTrue();
  }

  @Test
  void recordsOddKeyValueArgumentsWithoutTheDanglingKey() {
    assertThat(AuditRecord.of("a", "b", "c", "k", 1, "dangling").details()).isEqualTo(Map.of("k", 1));
  }
}
