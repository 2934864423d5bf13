package dev.suture.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTest {
  private static final Patch PATCH = new Patch("openssl-fix", "OpenSSL fix", PatchKind.SECURITY, null, Priority.HIGH,
      "3.0.13-1", null, null);

  private static TemplateContext contextFor(String name, Map<String, String> labels) {
    return new TemplateContext("r-42", PATCH, new Asset(name, "production", "10.0.0.7", List.of(), labels, Criticality.LOW));
  }

  private static final TemplateContext WEB = contextFor("web-1", Map.of("role", "web", "zone", "eu-1"));

  @Test
  void substitutesInsideASingleArgvElement() {
    assertThat(Template.render(List.of("apt-get", "install", "-y", "openssl={{patch.version}}"), WEB))
        .containsExactly("apt-get", "install", "-y", "openssl=3.0.13-1");
  }

  @Test
  void substitutesSeveralPlaceholdersInOneElementAndToleratesSpacesInBraces() {
    assertThat(Template.render("{{ target.name }}@{{target.address}}:{{rollout.id}}/{{patch.id}}", WEB))
        .isEqualTo("web-1@10.0.0.7:r-42/openssl-fix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"web1; touch /tmp/x", "a b c", "it's \"quoted\"", "$(reboot)", "`id`", "x && y | z",
      "back\\slash $1 ${HOME}"})
  void keepsAHostileValueAsOneLiteralElement(String name) {
    List<String> argv = Template.render(List.of("ssh", "{{target.name}}", "uptime"), contextFor(name, Map.of()));

    assertThat(argv).containsExactly("ssh", name, "uptime");
  }

  @Test
  void neverExpandsPlaceholdersThatArriveInsideAValue() {
    TemplateContext ctx = contextFor("web-1", Map.of("note", "{{rollout.id}}"));
    assertThat(Template.render("{{target.labels.note}}", ctx)).isEqualTo("{{rollout.id}}");
  }

  @Test
  void readsLabelsByKey() {
    assertThat(Template.render(List.of("--zone={{target.labels.zone}}", "{{target.labels.role}}"), WEB))
        .containsExactly("--zone=eu-1", "web");
  }

  @Test
  void readsThePatchTitleAndTargetEnvironment() {
    assertThat(Template.render("{{patch.title}} in {{target.environment}}", WEB)).isEqualTo("OpenSSL fix in production");
  }

  @Test
  void leavesTextWithoutPlaceholdersAlone() {
    assertThat(Template.render(List.of("dpkg-query", "-f=${Version}", "{not one}"), WEB))
        .containsExactly("dpkg-query", "-f=${Version}", "{not one}");
  }

  @Test
  void failsOnAnUnknownVariableNamingIt() {
    assertThatThrownBy(() -> Template.render(List.of("ping", "{{target.hostname}}"), WEB))
        .isInstanceOf(Template.UnknownVariableException.class)
        .hasMessageContaining("{{target.hostname}}")
        .hasMessageContaining("web-1");
  }

  @Test
  void failsOnALabelTheTargetDoesNotHave() {
    assertThatThrownBy(() -> Template.render("{{target.labels.rack}}", WEB))
        .isInstanceOf(Template.UnknownVariableException.class)
        .hasMessageContaining("{{target.labels.rack}}");
  }

  @Test
  void listsTheVariablesATemplateNamesInOrder() {
    assertThat(Template.variables("{{patch.version}}-{{ target.name }}-{{patch.version}}"))
        .containsExactly("patch.version", "target.name", "patch.version");
    assertThat(Template.variables("no placeholders")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rollout.id", "patch.id", "patch.version", "patch.title", "target.name", "target.address",
      "target.environment", "target.labels.role", "target.labels.x"})
  void knowsTheDocumentedVariables(String name) {
    assertThat(Template.isKnownVariable(name)).isTrue();
    assertThat(WEB.lookup(name).isPresent() || name.startsWith("target.labels.")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"target.labels.", "target.labels", "target.hostname", "patch", "patch.cves", "env", "",
      "TARGET.NAME"})
  void knowsNothingElse(String name) {
    assertThat(Template.isKnownVariable(name)).isFalse();
  }

  @Test
  void flatViewHoldsTargetValuesAndLabels() {
    assertThat(WEB.asMap()).containsEntry("target.name", "web-1").containsEntry("patch.version", "3.0.13-1")
        .containsEntry("target.labels.zone", "eu-1");
  }

  @Test
  void flatViewHoldsEveryKnownVariable() {
    assertThat(WEB.asMap()).containsEntry("patch.title", "OpenSSL fix");
  }
}
