package dev.suture.core.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.suture.core.plan.Plan;
import dev.suture.core.plan.RebootSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every Plan example in docs/plan-reference.md is a valid plan (the reference must not drift from the reader). */
class ReferenceExamplesTest {
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
  private static final DocumentParser PARSER = new DocumentParser(Set.of("command", "ssh"));

  private static List<String> planExamples() throws Exception { return examples("kind: Plan"); }

  private static List<String> examples(String kind) throws Exception {
    Path doc = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("plan-reference.md");
    assumeTrue(Files.exists(doc), "docs/plan-reference.md next to the module");
    List<String> out = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(Files.readString(doc));
    while (m.find()) if (m.group(1).contains(kind)) out.add(m.group(1));
    return out;
  }

  @Test
  void everyPlanExampleParses() throws Exception {
    List<String> examples = planExamples();
    assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
    for (String yaml : examples) assertThat(PARSER.parse("plan-reference.md", yaml)).hasSize(1);
  }

  @Test
  void everyWindowAndFreezeExampleParses() throws Exception {
    List<String> examples = new ArrayList<>(examples("kind: MaintenanceWindow"));
    examples.addAll(examples("kind: Freeze"));
    assertThat(examples).hasSize(2);
    assertThat(PARSER.parse("plan-reference.md", examples.get(0))).extracting(Document::kind).containsExactly(DocumentKind.MAINTENANCE_WINDOW);
    assertThat(PARSER.parse("plan-reference.md", examples.get(1))).extracting(Document::kind)
        .containsExactly(DocumentKind.FREEZE, DocumentKind.FREEZE);
  }

  @Test
  void theSshExampleExpandsAsTheReferenceSays() throws Exception {
    String yaml = planExamples().stream().filter(y -> y.contains("preset: apt")).findFirst().orElseThrow();
    Plan p = PARSER.parse("plan-reference.md", yaml).get(0).as(Plan.class);

    assertThat(p.executor().type()).isEqualTo("ssh");
    assertThat(p.executor().apply()).containsExactly("sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get",
        "install", "-y", "-q", "--only-upgrade", "-o", "Dpkg::Options::=--force-confold", "openssl={{patch.version}}");
    assertThat(p.executor().version()).containsExactly("sudo", "-n", "dpkg-query", "-W", "-f=${Version}", "openssl");
    assertThat(p.executor().reboot().policy()).isEqualTo(RebootSpec.Policy.IF_REQUIRED);
    assertThat(p.executor().reboot().requiredProbe()).containsExactly("sudo", "-n", "test", "-e", "/var/run/reboot-required");
    assertThat(p.executor().reboot().command()).containsExactly("sudo", "-n", "systemctl", "reboot");
    assertThat(p.executor().options()).containsEntry("hostKeyPolicy", "strict").containsEntry("credentials", "deploy-key");
    assertThat(p.snapshot().orElseThrow().type()).isEqualTo("files");
    assertThat(p.snapshot().orElseThrow().create()).startsWith("sudo", "-n", "sh", "-c")
        .endsWith("/var/lib/suture/snapshots", "{{rollout.id}}", "3", "/etc/ssl/openssl.cnf", "/etc/nginx");
  }
}
