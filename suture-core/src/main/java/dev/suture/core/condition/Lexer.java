package dev.suture.core.condition;

import java.util.ArrayList;
import java.util.List;

/** Splits a condition into tokens; each remembers its 1-based column for error messages. */
final class Lexer {
  enum Kind { NUMBER, IDENT, OP, HASH, LPAREN, RPAREN, LBRACKET, RBRACKET, LBRACE, RBRACE, COMMA, END }

  record Token(Kind kind, String text, int column) {}

  private static final List<String> OPS = List.of("&&", "||", "<=", ">=", "==", "!=", "<", ">", "!", "-");

  private Lexer() {}

  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int col = i + 1;
      if (Character.isWhitespace(c)) { i++; continue; }
      if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
        int j = number(s, i);
        out.add(new Token(Kind.NUMBER, s.substring(i, j), col));
        i = j;
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) j++;
        out.add(new Token(Kind.IDENT, s.substring(i, j), col));
        i = j;
        continue;
      }
      Kind single = single(c);
      if (single != null) {
        out.add(new Token(single, String.valueOf(c), col));
        i++;
        continue;
      }
      String op = OPS.stream().filter(o -> s.startsWith(o, col - 1)).findFirst()
          .orElseThrow(() -> new ConditionException(col, "unexpected character '" + c + "'"));
      out.add(new Token(Kind.OP, op, col));
      i += op.length();
    }
    out.add(new Token(Kind.END, "end of condition", s.length() + 1));
    return out;
  }

  private static int number(String s, int i) {
    int j = i;
    while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) j++;
    if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
      int k = j + 1;
      if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
      if (k < s.length() && Character.isDigit(s.charAt(k))) {
        j = k;
        while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
      }
    }
    return j;
  }

  private static Kind single(char c) {
    switch (c) {
      case '#': return Kind.HASH;
      case '(': return Kind.LPAREN;
      case ')': return Kind.RPAREN;
      case '[': return Kind.LBRACKET;
      case ']': return Kind.RBRACKET;
      case '{': return Kind.LBRACE;
      case '}': return Kind.RBRACE;
      case ',': return Kind.COMMA;
      default: return null;
    }
  }
}
