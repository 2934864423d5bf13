package dev.suture.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {
  @Test void csvFollowsRfc4180QuotingOnlyWhereNeededWithCrlfLines() {
    ReportTable t = ReportTable.builder("t", "name", "note").row("plain", "a,b").row("say \"hi\"", "line1\nline2")
        .row("cr\rhere", null).row(" spaced ", "").build();
    assertThat(t.toCsv()).isEqualTo("name,note\r\n"
        + "plain,\"a,b\"\r\n"
        + "\"say \"\"hi\"\"\",\"line1\nline2\"\r\n"
        + "\"cr\rhere\",\r\n"
        + " spaced ,\r\n");
  }

  @Test void aHeaderOnlyTableIsOneLine() {
    assertThat(ReportTable.builder("t", "a", "b").build().toCsv()).isEqualTo("a,b\r\n");
  }

  @Test void jsonRowsKeepColumnOrderAndTurnNullIntoEmpty() {
    ReportTable t = new ReportTable("t", List.of("z", "a"), List.of(Arrays.asList("1", null)));
    assertThat(t.jsonRows()).singleElement().satisfies(m -> {
      assertThat(m.keySet()).containsExactly("z", "a");
      assertThat(m).containsEntry("a", "");
    });
    assertThat(t.cell(0, "z")).isEqualTo("1");
    assertThatThrownBy(() -> t.cell(0, "nope")).hasMessageContaining("nope");
  }

  @Test void aRowOfTheWrongWidthIsRefusedNamingTheRow() {
    assertThatThrownBy(() -> ReportTable.builder("t", "a", "b").row("1", "2").row("only").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2").hasMessageContaining("1 cells for 2 columns");
  }

  @Test void cellsWriteNumbersPlainlyAndNoDataAsEmpty() {
    assertThat(Cells.number(3)).isEqualTo("3");
    assertThat(Cells.number(2.0 / 3)).isEqualTo("0.6667");
    assertThat(Cells.number(Double.NaN)).isEmpty();
  }

  @Test void reportKindsParseTheirWireNamesAndNameTheChoicesOtherwise() {
    assertThat(ReportKind.fromWire("drift")).isEqualTo(ReportKind.DRIFT);
    assertThat(ReportKind.fromWire("finding-sla")).isEqualTo(ReportKind.SLA);
    assertThatThrownBy(() -> ReportKind.fromWire("sla")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReportKind.fromWire("DRIFT")).hasMessageContaining("coverage, mttp, finding-sla, kev, drift");
  }
}
