package io.tollgate.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * A {@code query_sql} query on {@code system.tokens}, parsed by JSqlParser: {@code SELECT *} or a
 * column list, {@code FROM system.tokens}, an optional {@code WHERE} ({@link TokensCondition}),
 * {@code ORDER BY column [ASC|DESC], …} and {@code LIMIT n}. Anything else (joins, subqueries,
 * functions, other tables, unknown columns, aliases, grouping, offsets) is a 400 naming what is not
 * supported. Rows are filtered, then ordered (a stable sort; nulls last ascending, first
 * descending, as in DataFusion), then limited.
 */
record TokensQuery(
    List<TokenRow.Column> columns, TokensCondition where, Comparator<TokenRow> order, long limit) {

  static final String ONLY =
      "Tollgate answers SELECT * | column, … FROM system.tokens [WHERE …] [ORDER BY …] [LIMIT n]";

  /** The rows this query answers, from every row of the table. */
  List<TokenRow> answer(List<TokenRow> all) {
    List<TokenRow> rows = new ArrayList<>();
    for (TokenRow row : all) {
      if (Boolean.TRUE.equals(where.test(row))) {
        rows.add(row);
      }
    }
    if (order != null) {
      rows.sort(order);
    }
    return rows.size() > limit ? rows.subList(0, (int) limit) : rows;
  }

  static TokensQuery parse(String sql) {
    String text = sql.strip();
    if (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1);
    }
    Statements statements;
    try {
      statements = CCJSqlParserUtil.parseStatements(text);
    } catch (JSQLParserException | RuntimeException e) {
      throw unsupported("the query is not SQL Tollgate can parse");
    }
    if (statements == null || statements.size() != 1) {
      throw unsupported("the query is not SQL Tollgate can parse: one statement is answered");
    }
    Statement statement = statements.get(0);
    if (!(statement instanceof PlainSelect select)) {
      throw unsupported(
          statement instanceof Select
              ? "set operations, WITH and parenthesised queries are not supported"
              : "only SELECT queries are answered");
    }
    requireTheTokensTable(select);
    List<TokenRow.Column> columns = columns(select.getSelectItems());
    TokensCondition where =
        select.getWhere() == null ? row -> true : TokensCondition.compile(select.getWhere());
    Comparator<TokenRow> order = order(select.getOrderByElements());
    long limit = limit(select);
    PlainSelect canonical = new PlainSelect();
    canonical.setSelectItems(select.getSelectItems());
    canonical.setFromItem(select.getFromItem());
    canonical.setWhere(select.getWhere());
    canonical.setOrderByElements(select.getOrderByElements());
    canonical.setLimit(select.getLimit());
    if (!canonical.toString().equals(select.toString())) {
      throw unsupported("the query has clauses Tollgate does not answer");
    }
    return new TokensQuery(columns, where, order, limit);
  }

  private static void requireTheTokensTable(PlainSelect select) {
    if (select.getJoins() != null && !select.getJoins().isEmpty()) {
      throw unsupported("joins are not supported");
    }
    if (!(select.getFromItem() instanceof Table table)) {
      throw unsupported(
          select.getFromItem() == null
              ? "FROM system.tokens is required"
              : "subqueries are not supported");
    }
    if (table.getAlias() != null) {
      throw unsupported("table aliases are not supported");
    }
    String schema = table.getSchemaName();
    if (table.getDatabase() != null && table.getDatabase().getDatabaseName() != null
        || schema == null
        || !unquoted(schema).equals("system")
        || !unquoted(table.getName()).equals("tokens")) {
      throw unsupported(
          "only the table system.tokens is served, not " + table.getFullyQualifiedName());
    }
  }

  private static List<TokenRow.Column> columns(List<SelectItem<?>> items) {
    List<TokenRow.Column> columns = new ArrayList<>();
    for (SelectItem<?> item : items) {
      Expression expression = item.getExpression();
      if (item.getAlias() != null) {
        throw unsupported("column aliases are not supported");
      }
      if (expression instanceof AllTableColumns) {
        throw unsupported("qualified * is not supported; use *");
      } else if (expression instanceof AllColumns) {
        columns.addAll(TokenRow.COLUMNS);
      } else if (expression instanceof Column column) {
        columns.add(column(column));
      } else if (expression instanceof Function function) {
        throw unsupported("functions such as " + function.getName() + "() are not supported");
      } else {
        throw unsupported("only column names or * can be selected, not " + expression);
      }
    }
    return columns;
  }

  /** A column of {@code system.tokens}, by its unqualified name in any case. */
  static TokenRow.Column column(Column column) {
    if (column.getTable() != null && column.getTable().getName() != null) {
      throw unsupported("qualified column names are not supported: " + column);
    }
    String name = unquoted(column.getColumnName());
    for (TokenRow.Column known : TokenRow.COLUMNS) {
      if (known.name().equals(name)) {
        return known;
      }
    }
    List<String> names = TokenRow.COLUMNS.stream().map(TokenRow.Column::name).toList();
    throw unsupported(
        "unknown column " + column.getColumnName() + " in system.tokens; its columns are " + names);
  }

  private static Comparator<TokenRow> order(List<OrderByElement> elements) {
    if (elements == null || elements.isEmpty()) {
      return null;
    }
    Comparator<TokenRow> order = null;
    for (OrderByElement element : elements) {
      if (element.getNullOrdering() != null) {
        throw unsupported("NULLS FIRST and NULLS LAST are not supported");
      }
      if (!(element.getExpression() instanceof Column column)) {
        throw unsupported("ORDER BY takes column names, not " + element.getExpression());
      }
      TokenRow.Column by = column(column);
      Comparator<TokenRow> one = Comparator.comparing(by::value, TokensQuery::compareAscending);
      one = element.isAsc() ? one : one.reversed();
      order = order == null ? one : order.thenComparing(one);
    }
    return order;
  }

  /** Ascending with nulls last; {@code reversed()} then puts them first, as DataFusion does. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareAscending(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    return ((Comparable) a).compareTo(b);
  }

  private static long limit(PlainSelect select) {
    if (select.getOffset() != null) {
      throw unsupported("OFFSET is not supported");
    }
    Limit limit = select.getLimit();
    if (limit == null) {
      return Long.MAX_VALUE;
    }
    // LIMIT ALL and LIMIT NULL are rejected too: their row count is not a LongValue
    if (limit.getOffset() != null || !(limit.getRowCount() instanceof LongValue count)) {
      throw unsupported("LIMIT takes one whole number of rows");
    }
    return count.getValue();
  }

  private static final Set<Character> QUOTES = Set.of('"', '`');

  /** An identifier in lower case, without its quotes. */
  static String unquoted(String identifier) {
    String name = identifier;
    if (name.length() >= 2
        && QUOTES.contains(name.charAt(0))
        && name.charAt(name.length() - 1) == name.charAt(0)) {
      return name.substring(1, name.length() - 1);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  static HttpFailure unsupported(String why) {
    return HttpFailure.badRequest("unsupported query: " + why + ". " + ONLY);
  }
}
