package dev.suture.core.inventory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host's {@code /etc/os-release} (os-release(5)): what release it runs, and from that the OSV
 * ecosystem whose advisories apply to its packages.
 *
 * <p>Parsing follows the man page: lines {@code KEY=value}, blank lines and {@code #} comments
 * ignored; a value is unquoted, or enclosed in double quotes (where a backslash escapes
 * {@code $ " \ `}, as in the shell, and is kept before any other character) or single quotes (no
 * escapes). Concatenated quoted strings, an unterminated quote, text after the closing quote, or
 * unescaped whitespace in an unquoted value are reported as problems and the line is skipped; the
 * file is never executed by a shell.
 *
 * @param fields every well-formed assignment, in file order (a repeated key keeps its last value,
 *     as sourcing the file in a shell would)
 * @param problems lines that could not be read
 */
public record OsRelease(Map<String, String> fields, List<LineProblem> problems) {
  /** Where the collector reads it; {@code /usr/lib/os-release} is the man page's fallback. */
  public static final String COMMAND = "cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release";

  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

  public OsRelease {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    problems = List.copyOf(problems);
  }

  /** Reads the text of an os-release file; never throws on bad input (see {@link #problems}). */
  public static OsRelease parse(String text) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<LineProblem> problems = new ArrayList<>();
    List<String> lines = Lines.of(text);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
      Matcher m = ASSIGNMENT.matcher(trimmed);
      if (!m.matches()) {
        problems.add(new LineProblem(i + 1, line, "not a KEY=value assignment"));
        continue;
      }
      StringBuilder value = new StringBuilder();
      String why = unquote(m.group(2), value);
      if (why != null) {
        problems.add(new LineProblem(i + 1, line, m.group(1) + ": " + why));
        continue;
      }
      fields.put(m.group(1), value.toString());
    }
    return new OsRelease(fields, problems);
  }

  /** Appends the value of {@code raw} to {@code out}; returns why it is malformed, or null. */
  private static String unquote(String raw, StringBuilder out) {
    if (raw.isEmpty()) return null;
    char first = raw.charAt(0);
    int i;
    if (first == '"') {
      i = 1;
      while (true) {
        if (i >= raw.length()) return "unterminated double quote";
        char c = raw.charAt(i);
        if (c == '"') break;
        if (c == '\\' && i + 1 < raw.length()) {
          char next = raw.charAt(i + 1);
          // Inside double quotes the shell removes the backslash only before these.
          if ("$\"\\`".indexOf(next) >= 0) {
            out.append(next);
            i += 2;
            continue;
          }
        }
        out.append(c);
        i++;
      }
      i++;
    } else if (first == '\'') {
      int end = raw.indexOf('\'', 1);
      if (end < 0) return "unterminated single quote";
      out.append(raw, 1, end);
      i = end + 1;
    } else {
      for (i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\') {
          if (i + 1 >= raw.length()) return "trailing backslash";
          out.append(raw.charAt(++i));
        } else if (Character.isWhitespace(c)) {
          break;
        } else if (c == '"' || c == '\'' || c == '$' || c == '`' || c == ';') {
          return "unquoted value holds '" + c + "'; the man page requires quotes";
        } else {
          out.append(c);
        }
      }
    }
    String rest = raw.substring(i).strip();
    if (rest.isEmpty() || rest.startsWith("#")) return null;
    return "unexpected text after the value: '" + rest + "'";
  }

  /** {@code ID}, lower case; the man page's default "linux" when absent. */
  public String id() {
    return fields.getOrDefault("ID", "linux");
  }

  /** {@code ID_LIKE}, space-separated in the file; empty when absent. */
  public List<String> idLike() {
    String v = fields.getOrDefault("ID_LIKE", "").strip();
    return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
  }

  /** {@code VERSION_ID}, or empty (rolling releases and Debian testing have none). */
  public String versionId() {
    return fields.getOrDefault("VERSION_ID", "");
  }

  /** {@code VERSION_CODENAME}, or empty. */
  public String versionCodename() {
    return fields.getOrDefault("VERSION_CODENAME", "");
  }

  /** {@code PRETTY_NAME}; the man page's default "Linux" when absent. */
  public String prettyName() {
    return fields.getOrDefault("PRETTY_NAME", "Linux");
  }

  /**
   * The OSV ecosystem, with its release, whose advisories apply to this host's OS packages; empty
   * when the release is unknown or not one Suture maps. Deliberately only {@code ID} is used, never
   * {@code ID_LIKE}: a derivative (Linux Mint, Pop!_OS, Oracle Linux) has its own version numbers and
   * its own package builds, and mapping it onto its parent's release would apply the wrong
   * advisories with full confidence.
   *
   * <ul>
   *   <li>{@code debian} VERSION_ID {@code 12} → {@code Debian:12} (testing and sid have no
   *       VERSION_ID → empty);
   *   <li>{@code ubuntu} {@code 22.04} → {@code Ubuntu:22.04:LTS}, {@code 23.10} →
   *       {@code Ubuntu:23.10}: the OSV schema requires the {@code :LTS} suffix for LTS releases.
   *       LTS is read from VERSION ("22.04.4 LTS (Jammy Jellyfish)"), falling back to Ubuntu's
   *       rule (April releases of even years) when VERSION is absent. Ubuntu Pro
   *       ({@code Ubuntu:Pro:...}) cannot be told from os-release and is not produced;
   *   <li>{@code alpine} {@code 3.20.3} → {@code Alpine:v3.20} (OSV names release branches with a
   *       {@code v}); edge ({@code _alpha}/{@code _git} VERSION_IDs) → empty;
   *   <li>{@code rocky} {@code 9.4} → {@code Rocky Linux:9}; {@code almalinux} {@code 9.4} →
   *       {@code AlmaLinux:9} (major release only, as both publish);
   *   <li>{@code rhel}: OSV's Red Hat ecosystem is scoped by product CPE, not by release, so it is
   *       derived from CPE_NAME {@code cpe:/o:redhat:enterprise_linux:9::baseos} →
   *       {@code Red Hat:enterprise_linux:9::baseos}. That names the BaseOS stream only; AppStream
   *       packages are published under {@code ...::appstream}, so a matcher must treat the value
   *       up to the release ({@code Red Hat:enterprise_linux:9}) as the family. Without CPE_NAME
   *       → empty;
   *   <li>anything else (CentOS, Fedora, SUSE, Amazon Linux, ...) → empty.
   * </ul>
   *
   * <p>The per-distribution rules live in {@link OsvEcosystems}, shared with the SBOM reader.
   */
  public Optional<String> osvEcosystem() {
    String version = versionId();
    switch (id()) {
      case "debian":
        return OsvEcosystems.debian(version);
      case "ubuntu":
        return OsvEcosystems.ubuntu(version, ubuntuLts());
      case "alpine":
        return OsvEcosystems.alpine(version);
      case "rocky":
        return OsvEcosystems.rocky(version);
      case "almalinux":
        return OsvEcosystems.almaLinux(version);
      case "rhel":
        return OsvEcosystems.redHatFromCpe(fields.getOrDefault("CPE_NAME", ""));
      default:
        return Optional.empty();
    }
  }

  /** Whether VERSION says LTS; null when VERSION is absent (then Ubuntu's own rule decides). */
  private Boolean ubuntuLts() {
    String v = fields.get("VERSION");
    if (v == null) return null;
    return Arrays.asList(v.toUpperCase(Locale.ROOT).split("[\\s()]+")).contains("LTS");
  }
}
