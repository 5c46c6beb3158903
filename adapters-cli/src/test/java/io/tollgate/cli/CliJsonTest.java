package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliJsonTest {

  @Test
  void topLevelString_readsOnlyAStringFieldOfTheOuterObject() {
    assertThat(CliJson.topLevelString("{\"id\":0,\"token\":\"apiv3_x\",\"expiry\":null}", "token"))
        .contains("apiv3_x");
    assertThat(
            CliJson.topLevelString(
                "{\"nested\":{\"token\":\"inner\"},\"token\":\"outer\"}", "token"))
        .contains("outer");
    assertThat(CliJson.topLevelString("{\"nested\":{\"token\":\"inner\"}}", "token")).isEmpty();
    assertThat(CliJson.topLevelString("{\"token\":7}", "token")).isEmpty();
    assertThat(CliJson.topLevelString("[\"token\"]", "token")).isEmpty();
    assertThat(CliJson.topLevelString("{\"token\":", "token")).isEmpty();
    assertThat(CliJson.topLevelString("not json", "token")).isEmpty();
    assertThat(CliJson.topLevelString(null, "token")).isEmpty();
  }

  @Test
  void quote_escapesLikeJson() {
    assertThat(CliJson.quote("a \"b\" \\ \n")).isEqualTo("\"a \\\"b\\\" \\\\ \\n\"");
  }
}
