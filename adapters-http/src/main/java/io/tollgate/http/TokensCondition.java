package io.tollgate.http;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Select;

/**
 * A {@code WHERE} clause on {@code system.tokens}, compiled once from JSqlParser's tree and then
 * tested per row with SQL's three-valued logic ({@code null} is unknown; only true keeps a row).
 * Supported: {@code column = value}, {@code <>} (or {@code !=}), {@code [NOT] LIKE 'pattern'}
 * ({@code %} and {@code _}), {@code IS [NOT] NULL}, {@code AND}, {@code OR} and parentheses; values
 * are string or integer literals of the column's type. Anything else is a 400, caught when
 * compiling, so an empty table does not hide a bad query.
 */
@FunctionalInterface
interface TokensCondition {

  /** True, false, or null for unknown. */
  Boolean test(TokenRow row);

  Set<String> NUMBER_COLUMNS = Set.of("token_id", "created_by_token_id", "updated_by_token_id");

  static TokensCondition compile(Expression expression) {
    if (expression instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
      return compile(list.get(0));
    }
    if (expression instanceof AndExpression and) {
      TokensCondition left = compile(and.getLeftExpression());
      TokensCondition right = compile(and.getRightExpression());
      return row -> and(left.test(row), right.test(row));
    }
    if (expression instanceof OrExpression or) {
      TokensCondition left = compile(or.getLeftExpression());
      TokensCondition right = compile(or.getRightExpression());
      return row -> or(left.test(row), right.test(row));
    }
    if (expression instanceof EqualsTo equals) {
      return comparison(equals.getLeftExpression(), equals.getRightExpression(), false);
    }
    if (expression instanceof NotEqualsTo notEquals) {
      return comparison(notEquals.getLeftExpression(), notEquals.getRightExpression(), true);
    }
    if (expression instanceof LikeExpression like) {
      return like(like);
    }
    if (expression instanceof IsNullExpression isNull) {
      if (isNull.isUseIsNull() || isNull.isUseNotNull()) {
        throw TokensQuery.unsupported("write IS NULL or IS NOT NULL");
      }
      TokenRow.Column column = column(isNull.getLeftExpression(), "IS NULL");
      boolean not = isNull.isNot();
      return row -> (column.value(row) == null) != not;
    }
    throw TokensQuery.unsupported(
        "WHERE supports =, <>, LIKE, IS [NOT] NULL, AND, OR and parentheses, not " + expression);
  }

  private static TokensCondition comparison(Expression left, Expression right, boolean negated) {
    Operand a = operand(left);
    Operand b = operand(right);
    if (a.number() != null && b.number() != null && !a.number().equals(b.number())) {
      throw TokensQuery.unsupported("cannot compare a number with text: " + left + ", " + right);
    }
    return row -> {
      Object x = a.value(row);
      Object y = b.value(row);
      if (x == null || y == null) {
        return null;
      }
      return Objects.equals(x, y) != negated;
    };
  }

  private static TokensCondition like(LikeExpression like) {
    if (like.getLikeKeyWord() != LikeExpression.KeyWord.LIKE
        || like.getEscape() != null
        || like.isUseBinary()) {
      throw TokensQuery.unsupported("only plain LIKE 'pattern' is supported, not " + like);
    }
    TokenRow.Column column = column(like.getLeftExpression(), "LIKE");
    if (NUMBER_COLUMNS.contains(column.name())) {
      throw TokensQuery.unsupported("LIKE needs a text column, not " + column.name());
    }
    if (!(like.getRightExpression() instanceof StringValue pattern)) {
      throw TokensQuery.unsupported(
          "LIKE needs a quoted pattern, not " + like.getRightExpression());
    }
    Pattern regex = Pattern.compile(regex(pattern.getValue()), Pattern.DOTALL);
    boolean not = like.isNot();
    return row -> {
      Object value = column.value(row);
      return value == null ? null : regex.matcher(value.toString()).matches() != not;
    };
  }

  /** A LIKE pattern as a regular expression: {@code %} any run, {@code _} one character. */
  private static String regex(String like) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    like.codePoints()
        .forEach(
            c -> {
              if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                  regex.append(Pattern.quote(literal.toString()));
                  literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
              } else {
                literal.appendCodePoint(c);
              }
            });
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return regex.toString();
  }

  private static TokenRow.Column column(Expression expression, String operator) {
    if (expression instanceof Column column) {
      return TokensQuery.column(column);
    }
    throw TokensQuery.unsupported(operator + " needs a column on its left, not " + expression);
  }

  /** A side of a comparison: a column or a literal; {@code number} is null for a null literal. */
  record Operand(TokenRow.Column column, Object literal, Boolean number) {
    Object value(TokenRow row) {
      return column != null ? column.value(row) : literal;
    }
  }

  private static Operand operand(Expression expression) {
    if (expression instanceof Column c) {
      TokenRow.Column column = TokensQuery.column(c);
      return new Operand(column, null, NUMBER_COLUMNS.contains(column.name()));
    }
    if (expression instanceof StringValue text) {
      return new Operand(null, text.getValue(), false);
    }
    if (expression instanceof LongValue number) {
      return new Operand(null, number.getValue(), true);
    }
    if (expression instanceof NullValue) {
      return new Operand(null, null, null);
    }
    if (expression instanceof Function function) {
      throw TokensQuery.unsupported(
          "functions such as " + function.getName() + "() are not supported");
    }
    if (expression instanceof Select) {
      throw TokensQuery.unsupported("subqueries are not supported");
    }
    throw TokensQuery.unsupported(
        "comparisons take a column, a quoted string or a whole number, not " + expression);
  }

  private static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  private static Boolean or(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }
}
