package dev.suture.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command, for real: the demo against the real server and 12 real services. */
class DemoIT {
  @Test void demoOnceRunsBothScenariosAndExitsZero() throws Exception {
    Cli.Result r = Cli.run(Map.of(), 300, "demo", "--once");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("Scenario 1").contains("Scenario 2")
        .contains("Signed in as admin with the server's first-start token")
        .contains("carol approves (2 of 2): APPROVED")
        .contains("bob approves (1 of 1): APPROVED")
        .contains("every production service reports version 1.1.0")
        .contains("ROLLED_BACK")
        .contains("(P1)")
        .contains("audit chain intact")
        .contains("both scenarios ended as expected");
  }
}
