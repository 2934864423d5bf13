package dev.suture.core.inventory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Wraps a package manager's listing command so that its whole output survives the executor, and
 * unwraps what came back.
 *
 * <p>Why: executors return only the TAIL of a command's output (ssh keeps the last 64 KiB, the
 * local command executor 8 KiB), because for an apply the tail holds the error. A Debian host with
 * 1,500 packages prints about 90 KB, so the plain listing would lose its first lines, and a
 * truncated inventory would hide exactly the packages it lost. The wrapper therefore:
 *
 * <ol>
 *   <li>compresses the listing ({@code gzip -c | base64}: about 3.5 times smaller for these
 *       listings, so ssh carries some 3,500 dpkg rows);
 *   <li>appends the listing command's exit status inside the compressed stream (a POSIX shell has
 *       no {@code pipefail});
 *   <li>frames it between a begin and an end line, so a cut (begin missing) or a broken pipeline
 *       (end missing, text that is not base64, a gzip CRC mismatch) is a clear failure instead of a
 *       silently shorter inventory.
 * </ol>
 *
 * <p>The listing's stderr is merged into the compressed stream: a warning the package manager
 * prints becomes a {@link LineProblem} of the inventory (it does not look like a package line),
 * and a "command not found" is shown in the failure. The script is a fixed string built from the
 * parsers' fixed {@code COMMAND}s: no input ever reaches the shell. It needs {@code gzip} and
 * {@code base64} on the host (coreutils/gzip on Debian, Ubuntu and RHEL family; busybox on Alpine).
 */
public final class PackageListing {
  static final String BEGIN = "suture-inventory-begin gzip+base64";
  static final String END = "suture-inventory-end";
  static final String EXIT_PREFIX = "suture-inventory-exit=";
  /** A hostile or broken host must not make the control node inflate gigabytes. */
  static final int MAX_TEXT_BYTES = 64 * 1024 * 1024;
  private static final Pattern EXIT_LINE = Pattern.compile(Pattern.quote(EXIT_PREFIX) + "([0-9]{1,3})\n?");

  private PackageListing() {}

  /** The {@code sh -c} script that runs {@code command} and frames its compressed output. */
  public static String script(String command) {
    // The exit line starts with a newline of its own: a listing whose last line lacks one must not
    // swallow it (decode removes exactly that newline again).
    return "echo '" + BEGIN + "'; { " + command + "; printf '\\n" + EXIT_PREFIX + "%s\\n' \"$?\"; } 2>&1 | gzip -c | base64; echo '"
        + END + "'";
  }

  /** The listing's text (stdout and stderr, without the exit line) and the listing command's exit status. */
  public record Listing(String text, int exitStatus) {}

  /** Thrown by {@link #decode} with a reason that says what came back and why it cannot be used. */
  public static final class UnreadableListingException extends Exception {
    UnreadableListingException(String message) { super(message); }
  }

  /** Unwraps the output of {@link #script}; {@code output} is what the executor returned. */
  public static Listing decode(String output) throws UnreadableListingException {
    List<String> lines = Lines.of(output == null ? "" : output);
    int begin = lines.indexOf(BEGIN);
    int end = lines.lastIndexOf(END);
    if (begin < 0) {
      throw new UnreadableListingException(end >= 0
          ? "the listing is larger than the output the executor keeps (its beginning was cut off; "
            + (output.length() / 1024) + " KiB came back)"
          : "the listing script did not run: " + excerpt(output));
    }
    if (end < begin) throw new UnreadableListingException("the listing was cut short (no end line): " + excerpt(output));
    StringBuilder encoded = new StringBuilder();
    for (String line : lines.subList(begin + 1, end)) encoded.append(line.strip());
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(encoded.toString());
    } catch (IllegalArgumentException e) {
      throw new UnreadableListingException("the listing is not base64 (are gzip and base64 installed?): "
          + excerpt(String.join("\n", lines.subList(begin + 1, end))));
    }
    if (compressed.length == 0) {
      throw new UnreadableListingException("the listing is empty (are gzip and base64 installed?)");
    }
    String text = inflate(compressed);
    int cut = text.lastIndexOf("\n" + EXIT_PREFIX);
    Matcher m = cut < 0 ? null : EXIT_LINE.matcher(text.substring(cut + 1));
    if (m == null || !m.matches()) {
      throw new UnreadableListingException("the listing has no exit status line (cut short?): " + excerpt(text));
    }
    return new Listing(text.substring(0, cut), Integer.parseInt(m.group(1)));
  }

  private static String inflate(byte[] compressed) throws UnreadableListingException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 5);
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > MAX_TEXT_BYTES) {
          throw new UnreadableListingException("the listing inflates to more than " + (MAX_TEXT_BYTES >> 20) + " MiB");
        }
        out.write(buf, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      // A truncated stream or a CRC mismatch: never parse part of a listing as if it were all of it.
      throw new UnreadableListingException("the compressed listing is damaged: " + e.getMessage());
    }
  }

  /** The last 300 characters of a text, for a failure message. */
  static String excerpt(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) return "(no output)";
    return t.length() > 300 ? "…" + t.substring(t.length() - 300) : t;
  }
}
