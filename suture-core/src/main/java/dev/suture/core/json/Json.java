package dev.suture.core.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minimal canonical JSON: objects are written with sorted keys and no whitespace, so the same
 * value always yields the same bytes (what the audit hash chain needs). Also reads it back.
 * Supports maps, lists, strings, numbers, booleans and null.
 */
public final class Json {
  private Json() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    if (v == null) sb.append("null");
    else if (v instanceof String s) string(s, sb);
    else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) sb.append(v);
    else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) throw new IllegalArgumentException("JSON has no " + d);
    else if (v instanceof Float f && (f.isNaN() || f.isInfinite())) throw new IllegalArgumentException("JSON has no " + f);
    else if (v instanceof Number n) sb.append(n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15
        ? Long.toString(n.longValue()) : n.toString());
    else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (var e : new TreeMap<String, Object>(stringKeys(m)).entrySet()) {
        if (!first) sb.append(',');
        first = false;
        string(e.getKey(), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (v instanceof Iterable<?> it) {
      sb.append('[');
      boolean first = true;
      for (Object o : it) {
        if (!first) sb.append(',');
        first = false;
        write(o, sb);
      }
      sb.append(']');
    } else if (v instanceof Enum<?> e) string(e.name(), sb);
    else string(v.toString(), sb);
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, val) -> out.put(String.valueOf(k), val));
    return out;
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  public static Object read(String text) {
    Reader r = new Reader(text);
    Object v = r.value();
    r.ws();
    if (r.at != text.length()) throw r.error("trailing characters");
    return v;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> readObject(String text) {
    Object v = read(text);
    if (!(v instanceof Map)) throw new IllegalArgumentException("JSON is not an object");
    return (Map<String, Object>) v;
  }

  private static final class Reader {
    final String s;
    int at;

    Reader(String s) { this.s = s; }

    void ws() { while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++; }

    IllegalArgumentException error(String what) { return new IllegalArgumentException("invalid JSON at " + at + ": " + what); }

    Object value() {
      ws();
      if (at >= s.length()) throw error("unexpected end");
      char c = s.charAt(at);
      if (c == '{') return object();
      if (c == '[') return array();
      if (c == '"') return string();
      if (s.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
      if (s.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
      if (s.startsWith("null", at)) { at += 4; return null; }
      return number();
    }

    Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      at++;
      ws();
      if (peek('}')) return m;
      do {
        ws();
        String k = string();
        ws();
        expect(':');
        m.put(k, value());
        ws();
      } while (take(','));
      expect('}');
      return m;
    }

    List<Object> array() {
      List<Object> l = new ArrayList<>();
      at++;
      ws();
      if (peek(']')) return l;
      do { l.add(value()); ws(); } while (take(','));
      expect(']');
      return l;
    }

    String string() {
      if (at >= s.length() || s.charAt(at) != '"') throw error("expected string");
      StringBuilder sb = new StringBuilder();
      at++;
      while (at < s.length()) {
        char c = s.charAt(at++);
        if (c == '"') return sb.toString();
        if (c != '\\') { sb.append(c); continue; }
        if (at >= s.length()) throw error("unterminated escape");
        char e = s.charAt(at++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            if (at + 4 > s.length()) throw error("truncated \\u escape");
            try {
              sb.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            at += 4;
          }
          default -> sb.append(e);
        }
      }
      throw error("unterminated string");
    }

    Number number() {
      int start = at;
      while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) at++;
      String n = s.substring(start, at);
      if (n.isEmpty()) throw error("unexpected character");
      if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.parseDouble(n);
      return Long.parseLong(n);
    }

    boolean peek(char c) { if (at < s.length() && s.charAt(at) == c) { at++; return true; } return false; }

    boolean take(char c) { return peek(c); }

    void expect(char c) { if (!peek(c)) throw error("expected '" + c + "'"); }
  }
}
