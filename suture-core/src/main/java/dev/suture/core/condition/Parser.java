package dev.suture.core.condition;

import dev.suture.core.condition.Lexer.Kind;
import dev.suture.core.condition.Lexer.Token;
import java.util.List;
import java.util.Set;

/** Recursive descent over the grammar documented on {@link Condition}; no reflection, no scripting. */
final class Parser {
  private static final Set<String> COMPARE = Set.of("<", "<=", ">", ">=", "==", "!=");
  private final List<Token> tokens;
  private int pos;
  private boolean inPredicate;

  private Parser(List<Token> tokens) { this.tokens = tokens; }

  static Expr parse(String text) {
    Parser p = new Parser(Lexer.tokens(text));
    Expr e = p.or();
    Token t = p.peek();
    if (t.kind() != Kind.END) throw new ConditionException(t.column(), "unexpected '" + t.text() + "'");
    expect(e, Expr.Type.BOOLEAN, 1, "the condition");
    return e;
  }

  private Expr or() {
    Expr left = and();
    while (isOp("||")) {
      Token t = next();
      left = new Expr.Logic(false, bool(left, t), bool(and(), t));
    }
    return left;
  }

  private Expr and() {
    Expr left = not();
    while (isOp("&&")) {
      Token t = next();
      left = new Expr.Logic(true, bool(left, t), bool(not(), t));
    }
    return left;
  }

  private Expr not() {
    if (isOp("!")) {
      Token t = next();
      return new Expr.Not(bool(not(), t));
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = unary();
    if (peek().kind() == Kind.OP && COMPARE.contains(peek().text())) {
      Token t = next();
      Expr right = unary();
      if (left.type() != right.type())
        throw new ConditionException(t.column(), "'" + t.text() + "' compares a " + name(left) + " with a " + name(right));
      if (left.type() == Expr.Type.BOOLEAN && !t.text().equals("==") && !t.text().equals("!="))
        throw new ConditionException(t.column(), "'" + t.text() + "' needs numbers, not booleans");
      return new Expr.Compare(t.text(), left, right);
    }
    return left;
  }

  private Expr unary() {
    if (isOp("-")) {
      Token t = next();
      Expr arg = unary();
      expect(arg, Expr.Type.NUMBER, t.column(), "'-'");
      return new Expr.Negate(arg);
    }
    return primary();
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        try {
          return new Expr.Num(Double.parseDouble(t.text()));
        } catch (NumberFormatException e) {
          throw new ConditionException(t.column(), "'" + t.text() + "' is not a number");
        }
      case LPAREN:
        Expr inner = or();
        take(Kind.RPAREN, "')'");
        return inner;
      case HASH:
        if (!inPredicate) throw new ConditionException(t.column(), "'#' is only allowed inside all(result, {...}) or any(result, {...})");
        return new Expr.Element();
      case IDENT:
        return Functions.identifier(this, t);
      default:
        throw new ConditionException(t.column(), "unexpected " + (t.kind() == Kind.END ? "end of condition" : "'" + t.text() + "'"));
    }
  }

  /** {@code {pred}} of all/any, with {@code #} bound to each value; nesting is not allowed. */
  Expr predicate() {
    Token open = take(Kind.LBRACE, "'{'");
    if (inPredicate) throw new ConditionException(open.column(), "all/any cannot be nested");
    inPredicate = true;
    Expr e = or();
    inPredicate = false;
    take(Kind.RBRACE, "'}'");
    return expect(e, Expr.Type.BOOLEAN, open.column(), "the predicate");
  }

  Expr argument() { return or(); }

  Token take(Kind kind, String what) {
    Token t = next();
    if (t.kind() != kind) throw new ConditionException(t.column(), "expected " + what + ", found '" + t.text() + "'");
    return t;
  }

  Token peek() { return tokens.get(pos); }

  private Token next() { return tokens.get(pos == tokens.size() - 1 ? pos : pos++); }

  private boolean isOp(String op) { return peek().kind() == Kind.OP && peek().text().equals(op); }

  private static Expr bool(Expr e, Token op) { return expect(e, Expr.Type.BOOLEAN, op.column(), "'" + op.text() + "'"); }

  static Expr expect(Expr e, Expr.Type type, int column, String what) {
    if (e.type() != type) throw new ConditionException(column, what + " needs a " + type.name().toLowerCase() + ", not a " + name(e));
    return e;
  }

  private static String name(Expr e) { return e.type().name().toLowerCase(); }
}
