package dev.suture.core.condition;

import dev.suture.core.condition.Lexer.Kind;
import dev.suture.core.condition.Lexer.Token;

/** The fixed set of names a condition may use; anything else is rejected with its column. */
final class Functions {
  static final String KNOWN = "result[N], len(result), all(result, {...}), any(result, {...}), isNaN(x), isInf(x), "
      + "true, false, NaN, Inf";

  private Functions() {}

  static Expr identifier(Parser p, Token t) {
    switch (t.text()) {
      case "true": return new Expr.Bool(true);
      case "false": return new Expr.Bool(false);
      case "NaN": return new Expr.Num(Double.NaN);
      case "Inf": return new Expr.Num(Double.POSITIVE_INFINITY);
      case "result": return index(p, t);
      case "len": {
        call(p, t);
        result(p);
        p.take(Kind.RPAREN, "')'");
        return new Expr.Len();
      }
      case "isNaN":
      case "isInf": {
        call(p, t);
        Expr arg = Parser.expect(p.argument(), Expr.Type.NUMBER, t.column(), t.text() + "()");
        p.take(Kind.RPAREN, "')'");
        return t.text().equals("isNaN") ? new Expr.Test("isNaN", arg, Double::isNaN) : new Expr.Test("isInf", arg, Double::isInfinite);
      }
      case "all":
      case "any": {
        call(p, t);
        result(p);
        p.take(Kind.COMMA, "','");
        Expr predicate = p.predicate();
        p.take(Kind.RPAREN, "')'");
        return new Expr.Quantifier(t.text().equals("all"), predicate);
      }
      default:
        throw new ConditionException(t.column(), "unknown name '" + t.text() + "' (known: " + KNOWN + ")");
    }
  }

  private static Expr index(Parser p, Token t) {
    if (p.peek().kind() != Kind.LBRACKET)
      throw new ConditionException(t.column(), "'result' is a list: use result[N], len(result), all(result, {...}) or any(result, {...})");
    p.take(Kind.LBRACKET, "'['");
    Token n = p.take(Kind.NUMBER, "an index");
    if (!n.text().matches("\\d{1,6}")) throw new ConditionException(n.column(), "index must be a whole number, got '" + n.text() + "'");
    p.take(Kind.RBRACKET, "']'");
    return new Expr.Index(Integer.parseInt(n.text()), t.column());
  }

  private static void call(Parser p, Token t) { p.take(Kind.LPAREN, "'(' after " + t.text()); }

  private static void result(Parser p) {
    Token r = p.take(Kind.IDENT, "'result'");
    if (!r.text().equals("result")) throw new ConditionException(r.column(), "expected 'result', found '" + r.text() + "'");
  }
}
