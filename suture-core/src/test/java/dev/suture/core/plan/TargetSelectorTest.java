package dev.suture.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetSelectorTest {
  private static final Asset WEB_PROD = asset("web-1", "production", Map.of("role", "web"));
  private static final Asset DB_PROD = asset("db-1", "production", Map.of("role", "db"));
  private static final Asset WEB_STAGING = asset("web-2", "staging", Map.of("role", "web"));
  private static final Asset BARE = asset("tools-1", "staging", Map.of());

  private static Asset asset(String name, String env, Map<String, String> labels) {
    return new Asset(name, env, "10.0.0.9", List.of(), labels, Criticality.HIGH);
  }

  private static List<String> selected(String expression) {
    TargetSelector s = TargetSelector.parse(expression);
    return List.of(WEB_PROD, DB_PROD, WEB_STAGING, BARE).stream().filter(s::matches).map(Asset::name).toList();
  }

  @Test
  void everyEqualityTermMustHold() {
    assertThat(selected("env=production,role=web")).containsExactly("web-1");
  }

  @Test
  void notEqualsExcludes() {
    assertThat(selected("env=production,role!=db")).containsExactly("web-1");
  }

  @Test
  void notEqualsKeepsAssetsThatLackTheLabel() {
    assertThat(selected("role!=web")).containsExactly("db-1", "tools-1");
  }

  @Test
  void equalsNeverMatchesAMissingLabel() {
    assertThat(selected("zone=eu")).isEmpty();
  }

  @Test
  void offersNameEnvironmentAndEnvAsImplicitAttributes() {
    assertThat(selected("name=db-1")).containsExactly("db-1");
    assertThat(selected("environment=staging")).containsExactly("web-2", "tools-1");
    assertThat(selected("env=staging")).containsExactly("web-2", "tools-1");
    assertThat(selected("criticality=high,address=10.0.0.9")).hasSize(4);
  }

  @Test
  void aLabelWinsOverTheImplicitAttributeOfTheSameName() {
    Asset labelled = asset("odd-1", "production", Map.of("env", "canary"));
    assertThat(TargetSelector.parse("env=canary").matches(labelled)).isTrue();
    assertThat(TargetSelector.parse("environment=production").matches(labelled)).isTrue();
  }

  @Test
  void toleratesSpacesAroundTerms() {
    TargetSelector s = TargetSelector.parse(" env = production , role != db ");
    assertThat(s.terms()).containsExactly(new TargetSelector.Term("env", "production", false),
        new TargetSelector.Term("role", "db", true));
    assertThat(s.expression()).isEqualTo(" env = production , role != db ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"env", "=production", "env=", "env!=", "env=prod,,role=web", "role"})
  void rejectsATermThatIsNotKeyValueQuotingIt(String expression) {
    assertThatThrownBy(() -> TargetSelector.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not key=value or key!=value");
  }

  @Test
  void namesTheBadTerm() {
    assertThatThrownBy(() -> TargetSelector.parse("env=production,role")).hasMessageContaining("'role'");
  }

  @Test
  void rejectsAnEmptySelector() {
    assertThatThrownBy(() -> TargetSelector.parse(" ")).hasMessage("selector is empty");
    assertThatThrownBy(() -> TargetSelector.parse(null)).hasMessage("selector is empty");
  }

  @Test
  void excludesEveryValueGivenForTheSameKey() {
    assertThat(selected("env!=production,env!=staging")).isEmpty();
  }
}
