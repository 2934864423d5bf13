package dev.suture.core.inventory;

/**
 * One line of collector output that a parser could not use. Parsers report these instead of
 * throwing: one odd line (a package with a broken version, a truncated last line when the SSH
 * session dropped) must not cost the inventory of the whole host.
 *
 * @param line 1-based line number in the parsed text
 * @param text the line as read (without its line terminator), so the report can show it
 * @param reason what is wrong, naming the field
 */
public record LineProblem(int line, String text, String reason) {
  @Override
  public String toString() {
    return "line " + line + ": " + reason + ": '" + text + "'";
  }
}
