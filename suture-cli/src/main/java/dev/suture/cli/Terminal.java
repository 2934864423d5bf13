package dev.suture.cli;

import java.nio.charset.Charset;
import java.util.Map;

/** What the output can do: redraw in place (ANSI) and print non-ASCII glyphs. */
public record Terminal(boolean ansi, boolean unicode, int width) {

    public static final Terminal PLAIN = new Terminal(false, false, 120);

    public static Terminal detect(Map<String, String> env) {
        String term = env.get("TERM");
        boolean ansi = System.console() != null && term != null && !term.isBlank() && !"dumb".equals(term);
        return new Terminal(ansi, stdoutCanEncode('\u25B6'), width(env));
    }

    public String play() {
        return unicode ? "\u25B6" : ">";
    }

    public String ok() {
        return unicode ? "\u2714" : "ok";
    }

    public String fail() {
        return unicode ? "\u2718" : "x";
    }

    public String back() {
        return unicode ? "\u21A9" : "<-";
    }

    public String dot() {
        return unicode ? "\u00B7" : "-";
    }

    public String ellipsis() {
        return unicode ? "\u2026" : "...";
    }

    private static int width(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            return columns >= 20 ? columns : 100;
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private static boolean stdoutCanEncode(char c) {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            Charset charset = name != null ? Charset.forName(name) : Charset.defaultCharset();
            return charset.newEncoder().canEncode(c);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
