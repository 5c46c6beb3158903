package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "db:a:read",
        "db:a,b:read,write",
        "db:*:read",
        "db:a:*",
        "system:health,metrics,ping:read",
        "*:*:*",
        "orders:eu-1,名前:approve",
        "db:_admin:write"
      })
  void parse_readsTheTextFormAndPrintsItBackUnchanged(String text) {
    Permission permission = Permission.parse(text);

    assertThat(permission.toString()).isEqualTo(text);
    assertThat(Permission.parse(permission.toString())).isEqualTo(permission);
  }

  @Test
  void parse_splitsTypeNamesAndActions() {
    Permission permission = Permission.parse("db:a,b:read,write");

    assertThat(permission.resourceType()).isEqualTo("db");
    assertThat(permission.resourceNames()).containsExactly("a", "b");
    assertThat(permission.actions()).containsExactly("read", "write");
    assertThat(permission.isAdmin()).isFalse();
    assertThat(Permission.parse("*:*:*")).isEqualTo(Permission.ADMIN);
    assertThat(Permission.ADMIN.isAdmin()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // the text form: spaces, empty segments, extra colons
        "\"\"                   | permission is empty",
        "db:a:read write          | permission must not contain spaces",
        "\" db:a:read\"         | permission must not contain spaces",
        "\"db:a:read\t\"         | permission must not contain spaces",
        "db:a                     | permission must be TYPE:NAMES:ACTIONS (two colons), got 1 colon",
        "db                       | permission must be TYPE:NAMES:ACTIONS (two colons), got 0 colons",
        "db:a:read:write          | permission must be TYPE:NAMES:ACTIONS (two colons), got 3 colons",
        "db::read                 | permission has an empty list of resource names",
        "db:a:                    | permission has an empty list of actions",
        ":a:read                  | permission has an empty resource type",
        "db:a,,b:read             | permission has an empty resource name",
        "db:a,:read               | permission has an empty resource name",
        "db:a:read,               | permission has an empty action",
        // wildcards
        "db:*,a:read              | mixed wildcard (*) and resource name",
        "db:a,*:read              | mixed wildcard (*) and resource name",
        "db:a:*,read              | mixed wildcard (*) and action",
        "db:a*:read               | invalid resource name a*: * stands alone, for all names",
        "*:a:read                 | resource type * is allowed only in *:*:*, the permission of admin tokens",
        "*:*:read                 | resource type * is allowed only in *:*:*, the permission of admin tokens",
        "*:a:*                    | resource type * is allowed only in *:*:*, the permission of admin tokens",
        // duplicates inside one permission
        "db:a,a:read              | duplicate resource name a",
        "db:a:read,read           | duplicate action read",
        // spelling of types and actions
        "DB:a:read                | resource type not supported, DB",
        "d b:a:read               | permission must not contain spaces",
        "db:a:Read                | action not supported, Read",
        "db:a:re.ad               | action not supported, re.ad",
      })
  void parse_refusesMalformedText(String text, String message) {
    assertThatThrownBy(() -> Permission.parse(text))
        .isInstanceOf(InvalidPermissionException.class)
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void parse_refusesNull() {
    assertThatThrownBy(() -> Permission.parse(null))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage("permission is empty");
  }

  @Test
  void names_followTheCharacterRulesOfTokenNames() {
    assertThatThrownBy(() -> Permission.of("db", List.of("a\u0007b"), List.of("read")))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage(
            "invalid resource name, the rules of token names apply: token name must not contain"
                + " control characters");
    assertThatThrownBy(() -> Permission.of("db", List.of("x".repeat(129)), List.of("read")))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessageStartingWith("invalid resource name, the rules of token names apply: ")
        .hasMessageContaining("1 to 128");
    assertThat(Permission.of("db", List.of("x".repeat(128)), List.of("read")).resourceNames())
        .containsExactly("x".repeat(128));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a,b", "a:b", "a\u00a0b"})
  void names_fromTheJsonFormCannotHoldSeparatorsOrSpaces(String name) {
    assertThatThrownBy(() -> Permission.of("db", List.of(name), List.of("read")))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessageEndingWith(": no spaces, commas or colons allowed");
  }

  @Test
  void of_refusesEmptyAndMissingLists() {
    assertThatThrownBy(() -> Permission.of("db", List.of(), List.of("read")))
        .hasMessage("permission has an empty list of resource names");
    assertThatThrownBy(() -> Permission.of("db", null, List.of("read")))
        .hasMessage("permission has an empty list of resource names");
    assertThatThrownBy(() -> Permission.of("db", List.of("a"), List.of()))
        .hasMessage("permission has an empty list of actions");
    assertThatThrownBy(() -> Permission.of("db", Arrays.asList("a", null), List.of("read")))
        .hasMessage("permission has an empty resource name");
    assertThatThrownBy(() -> Permission.of(null, List.of("a"), List.of("read")))
        .hasMessage("permission has an empty resource type");
  }

  @Test
  void of_refusesMoreThan256NamesInOnePermission() {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 257; i++) {
      names.add("n" + i);
    }

    assertThat(Permission.of("db", names.subList(0, 256), List.of("read")).resourceNames())
        .hasSize(256);
    assertThatThrownBy(() -> Permission.of("db", names, List.of("read")))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage("a permission may name at most 256 resources, got 257");
  }

  @Test
  void of_keepsItsOwnCopyOfTheLists() {
    List<String> names = new java.util.ArrayList<>(List.of("a"));
    Permission permission = Permission.of("db", names, List.of("read"));

    names.add("b");

    assertThat(permission.resourceNames()).containsExactly("a");
    assertThatThrownBy(() -> permission.resourceNames().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void required_isOneActionOnOneResource() {
    Permission ping = Permission.required("system", "ping", "read");

    assertThat(ping).isEqualTo(Permission.parse("system:ping:read"));
    assertThat(ping.coversAllNames()).isFalse();
    assertThat(ping.coversAllActions()).isFalse();
    assertThat(Collections.frequency(ping.resourceNames(), "ping")).isEqualTo(1);
  }
}
