package dev.suture.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The framed, compressed listing: run by a real {@code sh} here, then decoded. */
class PackageListingTest {
  private static String sh(String script) throws Exception {
    Process p = new ProcessBuilder(List.of("sh", "-c", script)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static String framed(byte[] gz) {
    return PackageListing.BEGIN + "\n" + Base64.getMimeEncoder().encodeToString(gz) + "\n" + PackageListing.END + "\n";
  }

  private static byte[] gzip(byte[] text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text);
    }
    return out.toByteArray();
  }

  @Test
  void roundTripsStdoutStderrAndTheExitStatus() throws Exception {
    String out = sh(PackageListing.script("(printf 'a\\tb\\n'; echo warning >&2; printf 'last line without newline'; exit 3)"));
    PackageListing.Listing l = PackageListing.decode(out);
    assertThat(l.exitStatus()).isEqualTo(3);
    assertThat(l.text()).isEqualTo("a\tb\nwarning\nlast line without newline");
  }

  @Test
  void aListingLargerThanTheTailIsSmallerOnTheWire() throws Exception {
    // 3,000 dpkg-like lines, ~200 KB: the compressed frame fits in ssh's 64 KiB tail.
    String out = sh(PackageListing.script(
        "i=0; while [ $i -lt 3000 ]; do printf 'libexample%d\\texample%d\\t1.2.%d-1+deb12u1\\t1.2.%d-1+deb12u1\\tamd64\\tii \\n' $i $i $i $i; i=$((i+1)); done"));
    assertThat(out.length()).isLessThan(64 * 1024);
    assertThat(PackageListing.decode(out).text().lines()).hasSize(3000);
  }

  @Test
  void aCutFrameIsRefused() throws Exception {
    String out = sh(PackageListing.script("echo one; echo two"));
    assertThatThrownBy(() -> PackageListing.decode(out.substring(10)))
        .hasMessageStartingWith("the listing is larger than the output the executor keeps");
    assertThatThrownBy(() -> PackageListing.decode(out.substring(0, out.indexOf(PackageListing.END))))
        .hasMessageStartingWith("the listing was cut short (no end line)");
    assertThatThrownBy(() -> PackageListing.decode("sh: 1: Syntax error\n"))
        .hasMessage("the listing script did not run: sh: 1: Syntax error");
  }

  @Test
  void aDamagedStreamIsRefusedNotParsedInPart() throws Exception {
    byte[] gz = gzip("pkg\tpkg\t1\t1\tamd64\tii \n\nsuture-inventory-exit=0\n".getBytes(StandardCharsets.UTF_8));
    gz[gz.length - 6] ^= 0x55; // inside the CRC32 trailer
    assertThatThrownBy(() -> PackageListing.decode(framed(gz))).hasMessageStartingWith("the compressed listing is damaged");
    byte[] half = java.util.Arrays.copyOf(gzip(new byte[100_000]), 40);
    assertThatThrownBy(() -> PackageListing.decode(framed(half))).hasMessageStartingWith("the compressed listing is damaged");
  }

  @Test
  void aListingWithoutItsExitLineIsRefused() throws Exception {
    byte[] gz = gzip("pkg\tpkg\t1\t1\tamd64\tii \n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PackageListing.decode(framed(gz))).hasMessageStartingWith("the listing has no exit status line");
  }

  @Test
  void aCompressionBombIsRefused() throws Exception {
    byte[] gz = gzip(new byte[PackageListing.MAX_TEXT_BYTES + 1]);
    assertThatThrownBy(() -> PackageListing.decode(framed(gz))).hasMessage("the listing inflates to more than 64 MiB");
  }

  @Test
  void theScriptIsBuiltFromFixedStringsOnly() {
    assertThat(PackageListing.script(DpkgQueryParser.COMMAND)).isEqualTo(
        "echo 'suture-inventory-begin gzip+base64'; { " + DpkgQueryParser.COMMAND
            + "; printf '\\nsuture-inventory-exit=%s\\n' \"$?\"; } 2>&1 | gzip -c | base64; echo 'suture-inventory-end'");
  }
}
