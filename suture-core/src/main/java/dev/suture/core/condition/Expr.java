package dev.suture.core.condition;

import java.util.List;
import java.util.function.DoublePredicate;

/** Nodes of a parsed condition. Types are checked while parsing, so evaluation only casts. */
interface Expr {
  enum Type { NUMBER, BOOLEAN }

  Type type();

  Object eval(Scope scope);

  /** The values a condition sees: the query's samples, and {@code #} inside an all/any predicate. */
  record Scope(List<Double> result, double element) {}

  record Num(double value) implements Expr {
    public Type type() { return Type.NUMBER; }
    public Object eval(Scope s) { return value; }
  }

  record Bool(boolean value) implements Expr {
    public Type type() { return Type.BOOLEAN; }
    public Object eval(Scope s) { return value; }
  }

  record Element() implements Expr {
    public Type type() { return Type.NUMBER; }
    public Object eval(Scope s) { return s.element(); }
  }

  record Index(int index, int column) implements Expr {
    public Type type() { return Type.NUMBER; }
    public Object eval(Scope s) {
      if (index >= s.result().size())
        throw new ConditionException(column, "result[" + index + "] does not exist: the query returned "
            + s.result().size() + " value(s)");
      return s.result().get(index);
    }
  }

  record Len() implements Expr {
    public Type type() { return Type.NUMBER; }
    public Object eval(Scope s) { return (double) s.result().size(); }
  }

  record Test(String name, Expr arg, DoublePredicate test) implements Expr {
    public Type type() { return Type.BOOLEAN; }
    public Object eval(Scope s) { return test.test((Double) arg.eval(s)); }
  }

  /** {@code all(result, {pred})} / {@code any(result, {pred})}; all over no values is true, any is false. */
  record Quantifier(boolean all, Expr predicate) implements Expr {
    public Type type() { return Type.BOOLEAN; }
    public Object eval(Scope s) {
      for (double v : s.result()) {
        boolean b = (Boolean) predicate.eval(new Scope(s.result(), v));
        if (b != all) return !all;
      }
      return all;
    }
  }

  record Negate(Expr arg) implements Expr {
    public Type type() { return Type.NUMBER; }
    public Object eval(Scope s) { return -(Double) arg.eval(s); }
  }

  record Not(Expr arg) implements Expr {
    public Type type() { return Type.BOOLEAN; }
    public Object eval(Scope s) { return !(Boolean) arg.eval(s); }
  }

  /** Short-circuit {@code &&} / {@code ||}: the right side is not evaluated when the left decides. */
  record Logic(boolean and, Expr left, Expr right) implements Expr {
    public Type type() { return Type.BOOLEAN; }
    public Object eval(Scope s) {
      boolean l = (Boolean) left.eval(s);
      if (and != l) return l;
      return right.eval(s);
    }
  }

  /** IEEE comparisons: NaN is unequal to everything (itself included), so only != holds for it. */
  record Compare(String op, Expr left, Expr right) implements Expr {
    public Type type() { return Type.BOOLEAN; }
    public Object eval(Scope s) {
      Object l = left.eval(s);
      Object r = right.eval(s);
      if (l instanceof Boolean) return op.equals("==") == l.equals(r);
      double a = (Double) l;
      double b = (Double) r;
      switch (op) {
        case "<": return a < b;
        case "<=": return a <= b;
        case ">": return a > b;
        case ">=": return a >= b;
        case "==": return a == b;
        default: return a != b;
      }
    }
  }
}
