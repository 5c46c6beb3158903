package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.http.Harness.Reply;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13's bad input for {@code POST /api/v3/enterprise/configure/token}: each gets a 400 with a
 * message naming the fault, and nothing is stored.
 */
class ResourceTokenBadInputTest {
  private static final String RESOURCE = "/api/v3/enterprise/configure/token";
  private static Harness h;
  private static String admin;

  @BeforeAll
  static void start() {
    h = Harness.start();
    admin = h.createOperator();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String perm(String type, String names, String actions) {
    return "{\"resource_type\":"
        + type
        + ",\"resource_names\":"
        + names
        + ",\"actions\":"
        + actions
        + "}";
  }

  private static String body(String name, String permissions) {
    return "{\"token_name\":" + name + ",\"permissions\":" + permissions + "}";
  }

  static Stream<Arguments> badBodies() {
    String ok = perm("\"db\"", "[\"a\"]", "[\"read\"]");
    String manyPermissions =
        IntStream.range(0, 65)
            .mapToObj(i -> perm("\"db\"", "[\"d" + i + "\"]", "[\"read\"]"))
            .collect(Collectors.joining(",", "[", "]"));
    String manyNames =
        IntStream.range(0, 257)
            .mapToObj(i -> "\"n" + i + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    return Stream.of(
        Arguments.of(
            "unknown type",
            body("\"t\"", "[" + perm("\"queue\"", "[\"a\"]", "[\"read\"]") + "]"),
            "queue"),
        Arguments.of(
            "unknown action",
            body("\"t\"", "[" + perm("\"db\"", "[\"a\"]", "[\"delete\"]") + "]"),
            "delete"),
        Arguments.of("empty list", body("\"t\"", "[]"), "at least one permission"),
        Arguments.of("missing list", "{\"token_name\":\"t\"}", "missing field `permissions`"),
        Arguments.of(
            "empty names", body("\"t\"", "[" + perm("\"db\"", "[]", "[\"read\"]") + "]"), "names"),
        Arguments.of(
            "empty actions", body("\"t\"", "[" + perm("\"db\"", "[\"a\"]", "[]") + "]"), "actions"),
        Arguments.of(
            "mixed wildcard names",
            body("\"t\"", "[" + perm("\"db\"", "[\"*\",\"a\"]", "[\"read\"]") + "]"),
            "mixed wildcard"),
        Arguments.of(
            "mixed wildcard actions",
            body("\"t\"", "[" + perm("\"db\"", "[\"a\"]", "[\"*\",\"read\"]") + "]"),
            "*"),
        Arguments.of(
            "star type", body("\"t\"", "[" + perm("\"*\"", "[\"*\"]", "[\"*\"]") + "]"), "*"),
        Arguments.of("duplicate", body("\"t\"", "[" + ok + "," + ok + "]"), "duplicate"),
        Arguments.of("too many permissions", body("\"t\"", manyPermissions), "64"),
        Arguments.of(
            "too many names",
            body("\"t\"", "[" + perm("\"db\"", manyNames, "[\"read\"]") + "]"),
            "256"),
        Arguments.of(
            "bad resource name",
            body("\"t\"", "[" + perm("\"db\"", "[\"a b\"]", "[\"read\"]") + "]"),
            "invalid resource name"),
        Arguments.of(
            "names not a list",
            body("\"t\"", "[" + perm("\"db\"", "\"a\"", "[\"read\"]") + "]"),
            "resource_names"),
        Arguments.of(
            "both name fields",
            body(
                "\"t\"",
                "[{\"resource_type\":\"db\",\"resource_names\":[\"a\"],\"resource_identifier\":[\"a\"],\"actions\":[\"read\"]}]"),
            "not both"),
        Arguments.of(
            "unknown field",
            body(
                "\"t\"",
                "[{\"resource_type\":\"db\",\"resource_names\":[\"a\"],\"actions\":[\"read\"],\"x\":1}]"),
            "unknown field `x`"),
        Arguments.of("reserved name", body("\"_admin\"", "[" + ok + "]"), "_admin"),
        Arguments.of("bad token name", body("\"\"", "[" + ok + "]"), "name"),
        Arguments.of(
            "negative expiry",
            "{\"token_name\":\"t\",\"expiry_secs\":-1,\"permissions\":[" + ok + "]}",
            "expiry_secs"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void badInput_is400WithAClearMessage_andStoresNothing(String what, String body, String says) {
    String before = h.get("/api/v3/configure/token", Harness.bearer(admin)).body();

    Reply reply = h.post(RESOURCE, body, Harness.bearerJson(admin));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.body()).as(what).contains(says);
    assertThat(h.get("/api/v3/configure/token", Harness.bearer(admin)).body()).isEqualTo(before);
  }
}
