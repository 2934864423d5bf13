package dev.suture.http;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A minimal JSON writer for notification payloads: Map (string keys), Collection, String, enum
 * (its name), Number, Boolean and null. Anything else is a programming error and is refused
 * rather than guessed at. Small enough that a JSON library is not worth the dependency here.
 */
public final class Json {
  private static final int MAX_DEPTH = 64;
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value, int depth) {
    if (depth > MAX_DEPTH) throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " (a cycle?)");
    if (value == null) sb.append("null");
    else if (value instanceof CharSequence s) string(sb, s);
    else if (value instanceof Enum<?> e) string(sb, e.name());
    else if (value instanceof Boolean b) sb.append(b.booleanValue());
    else if (value instanceof Number n) number(sb, n);
    else if (value instanceof Map<?, ?> m) object(sb, m, depth);
    else if (value instanceof Collection<?> c) array(sb, c, depth);
    else throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
  }

  private static void object(StringBuilder sb, Map<?, ?> map, int depth) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) throw new IllegalArgumentException("JSON object keys must be strings, got " + e.getKey());
      if (!first) sb.append(',');
      first = false;
      string(sb, key);
      sb.append(':');
      write(sb, e.getValue(), depth + 1);
    }
    sb.append('}');
  }

  private static void array(StringBuilder sb, Collection<?> items, int depth) {
    sb.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) sb.append(',');
      first = false;
      write(sb, item, depth + 1);
    }
    sb.append(']');
  }

  private static void number(StringBuilder sb, Number n) {
    String text = n instanceof java.math.BigDecimal d ? d.toString() : n.toString();
    // Rejects NaN, Infinity and any Number subclass whose toString is not a JSON number.
    if (!NUMBER.matcher(text).matches()) throw new IllegalArgumentException("not a JSON number: " + text);
    sb.append(text);
  }

  private static void string(StringBuilder sb, CharSequence s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
          if (pairedHigh) {
            sb.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
            // Control characters must be escaped; U+2028/9 break JavaScript consumers; a lone
            // surrogate cannot be encoded as UTF-8 and would otherwise turn into '?'.
            sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
