package dev.suture.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {
  private static void append(OutputTail tail, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    tail.append(b, 0, b.length);
  }

  @Test
  void keepsEverythingBelowCapacity() {
    OutputTail tail = new OutputTail(8);
    append(tail, "abc");
    append(tail, "de");
    assertThat(tail.text()).isEqualTo("abcde");
  }

  @Test
  void keepsOnlyTheLastBytesAcrossManyWrites() {
    OutputTail tail = new OutputTail(8);
    for (char c = 'a'; c <= 'z'; c++) append(tail, String.valueOf(c));
    assertThat(tail.text()).isEqualTo("stuvwxyz");
    assertThat(tail.totalBytes()).isEqualTo(26);
  }

  @Test
  void keepsTheEndOfASingleWriteLargerThanCapacity() {
    OutputTail tail = new OutputTail(8);
    append(tail, "xy");
    append(tail, "0123456789abc");
    assertThat(tail.text()).isEqualTo("56789abc");
    append(tail, "Z");
    assertThat(tail.text()).isEqualTo("6789abcZ");
  }

  @Test
  void dropsACharacterCutInHalfByTruncation() {
    OutputTail tail = new OutputTail(4);
    append(tail, "é€ok"); // € is 3 bytes; the kept window starts inside it
    assertThat(tail.text()).isEqualTo("ok");
  }
}
