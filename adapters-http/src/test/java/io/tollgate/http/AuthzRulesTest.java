package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code --authz-rules} file: checked at start (one line naming the rule), globs with {@code *}
 * for one segment and {@code **} for any depth, and a malformed original URI matching only {@code
 * /**}.
 */
class AuthzRulesTest {

  private static AuthzRules parse(String json) {
    return AuthzRules.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"path\": \"/a\", \"require\": [], \"colour\": 1}] | rule 0: unknown field \"colour\"",
        "[{\"path\": \"/a\", \"require\": []}, {\"path\": \"/b\", \"require\": [\"db:x\"]}]"
            + " | rule 1: invalid permission \"db:x\"",
        "[{\"path\": \"/a/b*\", \"require\": []}] | rule 0: invalid glob \"/a/b*\"",
        "[{\"path\": \"a\", \"require\": []}] | rule 0: invalid glob \"a\"",
        "[{\"path\": \"/a/../b\", \"require\": []}] | rule 0: invalid glob",
        "[{\"path\": \"/**/x/**/y/**\", \"require\": []}] | rule 0: invalid glob",
        "[{\"require\": []}] | rule 0: \"path\" is required",
        "[{\"path\": \"/a\"}] | rule 0: give either",
        "[{\"path\": \"/a\", \"require\": [], \"anonymous\": true}] | rule 0: give either",
        "[{\"path\": \"/a\", \"anonymous\": false}] | rule 0: give either",
        "[{\"path\": \"/a\", \"require\": [], \"method\": \"G T\"}] | rule 0: invalid method",
        "[{\"path\": \"/a\", \"require\": \"db:a:read\"}] | rule 0: wrong type",
        "[\"/a\"] | rule 0: expected an object",
        "{\"path\": \"/a\"} | expected a JSON list of rules",
        "[{\"path\": \"/a\", \"path\": \"/b\", \"require\": []}] | not valid JSON",
      })
  void aBadRulesFile_isRefused_namingTheRule(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message.trim());
  }

  @Test
  void load_namesTheFile_inOneLine(@TempDir Path dir) {
    Path file =
        ForwardAuthTest.write(dir, "rules.json", "[{\"path\": \"/a\", \"require\": [\"x\"]}]");

    assertThatThrownBy(() -> AuthzRules.load(file))
        .hasMessageStartingWith("invalid --authz-rules " + file + ": rule 0: invalid permission")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> AuthzRules.load(dir.resolve("missing.json")))
        .hasMessageStartingWith("cannot read --authz-rules");
  }

  @ParameterizedTest
  @CsvSource({
    "/orders/*, /orders/1, true",
    "/orders/*, /orders, false",
    "/orders/*, /orders/1/2, false",
    "/orders/**, /orders, true",
    "/orders/**, /orders/1/2/3, true",
    "/orders/**, /ordersx, false",
    "/**/edit, /a/b/edit, true",
    "/**/edit, /edit, true",
    "/**/edit, /a/b/view, false",
    "/a/**/b/**, /a/x/b/y/z, true",
    "/, /, true",
    "/, /a, false",
    "/**, /anything/at/all, true",
    "/caf%C3%A9, /café, true",
    "/orders/*, /orders//1, true",
    "/orders/*, /orders/1?x=/y, true",
  })
  void globs_matchSegments(String glob, String uri, boolean matches) {
    String encoded = uri.replace("é", "%C3%A9");
    assertThat(PathGlob.parse(glob).matches(OriginalPath.segments(encoded))).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({
    "/a/../b",
    "/a/./b",
    "/a/%2e%2e/b",
    "/a/%00",
    "/a/%2Fb",
    "/a/%zz",
    "/a/%C3",
    "a/b",
    "''",
    "http://host/a",
    "/a;jsessionid=1/b",
    "/a\\b",
  })
  void aMalformedOriginalUri_matchesOnlyTheCatchAll(String uri) {
    List<String> segments = OriginalPath.segments(uri);

    assertThat(segments).isNull();
    assertThat(PathGlob.parse("/**").matches(segments)).isTrue();
    assertThat(PathGlob.parse("/a/**").matches(segments)).isFalse();
    assertThat(PathGlob.parse("/*").matches(segments)).isFalse();
  }

  @Test
  void aVeryLongOrDeepUri_isMalformed() {
    assertThat(OriginalPath.segments("/" + "a".repeat(OriginalPath.MAX_LENGTH))).isNull();
    assertThat(OriginalPath.segments("/a".repeat(OriginalPath.MAX_SEGMENTS + 1))).isNull();
    assertThat(OriginalPath.segments("/a".repeat(OriginalPath.MAX_SEGMENTS))).hasSize(128);
  }

  @Test
  void theFirstMatchingRuleWins_methodAndHostFilter() {
    AuthzRules rules =
        parse(
            """
            [{"method": "post", "host": "Api.Example.com", "path": "/x/**", "require": ["db:a:write"]},
             {"path": "/x/**", "anonymous": true}]
            """);

    assertThat(rules.first("POST", "api.example.com:443", List.of("x")).index()).isZero();
    assertThat(rules.first("GET", "api.example.com", List.of("x")).anonymous()).isTrue();
    assertThat(rules.first("POST", "other", List.of("x")).index()).isEqualTo(1);
    assertThat(rules.first("POST", null, List.of("x")).index()).isEqualTo(1);
    assertThat(rules.first(null, "api.example.com", List.of("y"))).isNull();
  }
}
