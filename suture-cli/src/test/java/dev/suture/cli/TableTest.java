package dev.suture.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsUnderUpperCaseHeaders() {
        String text = new Table("name", "state").row("web-01", "HEALTHY").row("prod-web-10", "FAILED").render();

        assertThat(text).isEqualTo("""
                NAME         STATE
                web-01       HEALTHY
                prod-web-10  FAILED
                """);
    }

    @Test
    void showsDashForMissingValuesAndDoesNotPadTheLastColumn() {
        String text = new Table("a", "b").row(null, "").row("x", "y").render();

        assertThat(text).isEqualTo("A  B\n-  -\nx  y\n");
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
