package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code last_used_at} (SPEC section 10) on the wire: in the token listing and as the last column
 * of {@code system.tokens}, absent for a token never used, {@code never} in the pretty format, and
 * filterable like any other column.
 */
class LastUseListingTest {

  private static final String S1 = GoldenWire.S1;
  private static final String S2 = GoldenWire.S2;
  private static final String SQL = "/api/v3/query_sql?db=_internal&q=";

  private Harness h;

  @BeforeEach
  void start() {
    h = Harness.start();
    h.createOperator();
    h.clock.advance(Duration.ofSeconds(1));
    Reply created =
        h.post(
            "/api/v3/configure/token/named_admin",
            "{\"token_name\":\"ci\",\"expiry_secs\":3600}",
            Harness.bearerJson(S1));
    assertThat(created.status()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static String sql(String query) {
    return SQL + query.replace(" ", "%20").replace("'", "%27");
  }

  @Test
  void theListing_carriesTheLastUseOfTheTokensUsed_andNoneForTheOthers() {
    h.clock.advance(Duration.ofMinutes(5));

    Reply listing = h.get("/api/v3/configure/token", Harness.bearer(S1));

    assertThat(listing.status()).isEqualTo(200);
    assertThat(listing.body())
        .contains("\"status\":\"active\",\"last_used_at\":\"2025-04-18T14:07:46.331Z\"}")
        .contains("\"name\":\"ci\"");
    assertThat(listing.body().split("\"last_used_at\"", -1)).hasSize(2);
  }

  @Test
  void aUseWithAnotherToken_showsOnItsRow() {
    h.clock.advance(Duration.ofSeconds(30));
    assertThat(h.get("/api/v3/configure/token", Harness.bearer(S2)).status()).isEqualTo(200);

    Reply rows =
        h.get(
            sql("SELECT name, last_used_at FROM system.tokens WHERE name = 'ci'"),
            Harness.bearer(S1));

    assertThat(rows.body())
        .isEqualTo("[{\"name\":\"ci\",\"last_used_at\":\"2025-04-18T14:03:16.331Z\"}]");
  }

  @Test
  void systemTokens_whereLastUsedAtIsNull_findsTheTokensNeverUsed() {
    Reply rows =
        h.get(sql("SELECT name FROM system.tokens WHERE last_used_at IS NULL"), Harness.bearer(S1));

    assertThat(rows.body()).isEqualTo("[{\"name\":\"ci\"}]");
  }

  @Test
  void systemTokens_pretty_showsNeverForATokenNeverUsed_csvLeavesItEmpty() {
    Reply pretty =
        h.get(
            sql("SELECT name, last_used_at FROM system.tokens ORDER BY name") + "&format=pretty",
            Harness.bearer(S1));
    Reply csv =
        h.get(
            sql("SELECT name, last_used_at FROM system.tokens ORDER BY name") + "&format=csv",
            Harness.bearer(S1));

    assertThat(pretty.body())
        .contains("| _admin | 2025-04-18T14:02:46.331Z |")
        .contains("| ci     | never                    |");
    assertThat(csv.body()).isEqualTo("name,last_used_at\n_admin,2025-04-18T14:02:46.331Z\nci,\n");
  }

  @Test
  void aRefusedCredential_isNoUse() {
    assertThat(h.get("/api/v3/configure/token", Harness.bearer("apiv3_wrong")).status())
        .isEqualTo(401);

    Reply rows =
        h.get(sql("SELECT name FROM system.tokens WHERE last_used_at IS NULL"), Harness.bearer(S1));

    assertThat(rows.body()).isEqualTo("[{\"name\":\"ci\"}]");
  }
}
