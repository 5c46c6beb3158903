package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tollgate.http.Harness.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code query_sql} on {@code system.tokens}: each supported construct, each refused one. */
class QuerySqlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Harness h;
  private String admin;

  @BeforeEach
  void start() {
    h = Harness.start();
    admin = h.createOperator(); // _admin, id 0, no expiry
    named("ci", 3600); // id 1
    named("ops-east", null); // id 2
    named("ops_west", 60); // id 3
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void named(String name, Integer expirySecs) {
    String body =
        "{\"token_name\": \""
            + name
            + "\""
            + (expirySecs == null ? "" : ", \"expiry_secs\": " + expirySecs)
            + "}";
    Reply reply = h.post("/api/v3/configure/token/named_admin", body, Harness.bearerJson(admin));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private Reply query(String sql, String format) {
    String body =
        JsonNodeFactory.instance
            .objectNode()
            .put("db", "_internal")
            .put("q", sql)
            .put("format", format)
            .toString();
    return h.post("/api/v3/query_sql", body, Harness.bearerJson(admin));
  }

  private List<String> names(String sql) throws Exception {
    Reply reply = query(sql, "json");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    for (JsonNode row : JSON.readTree(reply.body())) {
      names.add(row.get("name").asText());
    }
    return names;
  }

  @Test
  void columnList_returnsThoseColumnsInThatOrder_inEveryFormat() throws Exception {
    String sql = "SELECT name, token_id FROM system.tokens WHERE token_id = 1";

    assertThat(query(sql, "json").body()).isEqualTo("[{\"name\":\"ci\",\"token_id\":1}]");
    assertThat(query(sql, "jsonl").body()).isEqualTo("{\"name\":\"ci\",\"token_id\":1}\n");
    assertThat(query(sql, "csv").body()).isEqualTo("name,token_id\nci,1\n");
    assertThat(query(sql, "pretty").body())
        .isEqualTo(
            "+------+----------+\n"
                + "| name | token_id |\n"
                + "+------+----------+\n"
                + "| ci   | 1        |\n"
                + "+------+----------+\n");
  }

  @Test
  void selectStar_isEveryRowInIdOrder() throws Exception {
    assertThat(names("select * from SYSTEM.TOKENS;"))
        .containsExactly("_admin", "ci", "ops-east", "ops_west");
  }

  @Test
  void whereEquals_onTextAndOnNumbers() throws Exception {
    assertThat(names("SELECT * FROM system.tokens WHERE name = 'ci'")).containsExactly("ci");
    assertThat(names("SELECT * FROM system.tokens WHERE token_id = 2")).containsExactly("ops-east");
    assertThat(names("SELECT * FROM system.tokens WHERE 'ci' = name")).containsExactly("ci");
  }

  @Test
  void whereNotEquals_bothSpellings() throws Exception {
    assertThat(names("SELECT * FROM system.tokens WHERE name <> 'ci'"))
        .containsExactly("_admin", "ops-east", "ops_west");
    assertThat(names("SELECT * FROM system.tokens WHERE token_id != 0"))
        .containsExactly("ci", "ops-east", "ops_west");
  }

  @Test
  void whereLike_percentAndUnderscore_andNotLike() throws Exception {
    assertThat(names("SELECT * FROM system.tokens WHERE name LIKE 'ops%'"))
        .containsExactly("ops-east", "ops_west");
    assertThat(names("SELECT * FROM system.tokens WHERE name LIKE 'ops_east'"))
        .containsExactly("ops-east");
    assertThat(names("SELECT * FROM system.tokens WHERE name NOT LIKE '%s%'"))
        .containsExactly("_admin", "ci");
  }

  @Test
  void whereIsNull_andIsNotNull() throws Exception {
    assertThat(names("SELECT * FROM system.tokens WHERE expiry IS NULL"))
        .containsExactly("_admin", "ops-east");
    assertThat(names("SELECT * FROM system.tokens WHERE expiry IS NOT NULL"))
        .containsExactly("ci", "ops_west");
  }

  @Test
  void andOr_withParentheses_andNullsAsUnknown() throws Exception {
    assertThat(
            names(
                "SELECT * FROM system.tokens"
                    + " WHERE (name = 'ci' OR name LIKE 'ops%') AND expiry IS NOT NULL"))
        .containsExactly("ci", "ops_west");
    assertThat(names("SELECT * FROM system.tokens WHERE name = 'ci' OR token_id = 0"))
        .containsExactly("_admin", "ci");
    // expiry <> 'x' is unknown for a null expiry: those rows are not returned
    assertThat(names("SELECT * FROM system.tokens WHERE expiry <> 'x'"))
        .containsExactly("ci", "ops_west");
  }

  @Test
  void orderBy_ascAndDesc_nullsLastAscending() throws Exception {
    assertThat(names("SELECT * FROM system.tokens ORDER BY name DESC"))
        .containsExactly("ops_west", "ops-east", "ci", "_admin");
    assertThat(names("SELECT * FROM system.tokens ORDER BY expiry ASC, name"))
        .containsExactly("ops_west", "ci", "_admin", "ops-east");
    assertThat(names("SELECT * FROM system.tokens ORDER BY expiry DESC, token_id"))
        .containsExactly("_admin", "ops-east", "ci", "ops_west");
  }

  @Test
  void limit_cutsAfterFilteringAndOrdering() throws Exception {
    assertThat(names("SELECT * FROM system.tokens WHERE name LIKE 'o%' ORDER BY name LIMIT 1"))
        .containsExactly("ops-east");
    assertThat(names("SELECT * FROM system.tokens LIMIT 0")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT 1 | FROM system.tokens is required",
        "SELECT * FROM system.tokens t JOIN system.tokens u ON t.token_id = u.token_id"
            + " | joins are not supported",
        "SELECT count(*) FROM system.tokens | functions such as count() are not supported",
        "SELECT * FROM system.tokens WHERE lower(name) = 'ci'"
            + " | functions such as lower() are not supported",
        "SELECT * FROM system.databases | only the table system.tokens is served",
        "SELECT * FROM tokens | only the table system.tokens is served",
        "SELECT * FROM (SELECT * FROM system.tokens) | subqueries are not supported",
        "SELECT * FROM system.tokens WHERE token_id = (SELECT 1) | subqueries are not supported",
        "SELECT secret FROM system.tokens | unknown column secret in system.tokens",
        "SELECT * FROM system.tokens WHERE nope IS NULL | unknown column nope",
        "SELECT * FROM system.tokens ORDER BY nope | unknown column nope",
        "SELECT name AS n FROM system.tokens | column aliases are not supported",
        "SELECT DISTINCT name FROM system.tokens | clauses Tollgate does not answer",
        "SELECT name FROM system.tokens GROUP BY name | clauses Tollgate does not answer",
        "SELECT * FROM system.tokens LIMIT 1 OFFSET 1 | OFFSET is not supported",
        "SELECT * FROM system.tokens LIMIT ALL | LIMIT takes one whole number of rows",
        "SELECT * FROM system.tokens LIMIT NULL | LIMIT takes one whole number of rows",
        "SELECT * FROM system.tokens LIMIT 'x' | LIMIT takes one whole number of rows",
        "SELECT * FROM system.tokens WHERE token_id < 2 | WHERE supports =, <>, LIKE",
        "SELECT * FROM system.tokens WHERE NOT name = 'ci' | WHERE supports =, <>, LIKE",
        "SELECT * FROM system.tokens WHERE token_id = 'one' | cannot compare a number with text",
        "SELECT * FROM system.tokens WHERE token_id LIKE '1%' | LIKE needs a text column",
        "SELECT * FROM system.tokens UNION SELECT * FROM system.tokens | set operations",
        "DROP TABLE system.tokens | only SELECT queries are answered",
        "SELECT * FROM system.tokens; SELECT 1 | not SQL Tollgate can parse",
        "SELEC nothing | not SQL Tollgate can parse"
      })
  void anythingElse_is400NamingWhatIsNotSupported(String sql, String message) {
    Reply reply = query(sql, "json");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).startsWith("unsupported query: ").contains(message);
  }
}
