package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionsTest {

  private static final Permissions READER =
      Permissions.parse("db:a,b:read db:c:* db:*:write system:ping:read orders:*:*");

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({
    "db:a:read, true",
    "db:b:read, true",
    "db:c:read, true",
    "db:c:write, true",
    "db:c:drop, true",
    "db:z:write, true",
    "db:z:read, false",
    "db:a:drop, false",
    "db:*:write, true",
    "db:*:read, false",
    "system:ping:read, true",
    "system:health:read, false",
    "system:*:read, false",
    "orders:eu:approve, true",
    "orders:*:*, true",
    "unknown:a:read, false",
    "*:*:*, false",
  })
  void grants_exactlyWhatThePermissionsSay(String required, boolean granted) {
    assertThat(READER.grants(Permission.parse(required))).isEqualTo(granted);
  }

  @Test
  void grants_aRequiredListOnlyWhenEveryPairIsGranted() {
    assertThat(READER.grants(Permission.parse("db:a,b:read"))).isTrue();
    assertThat(READER.grants(Permission.parse("db:a,z:read"))).isFalse();
    assertThat(READER.grants(Permission.parse("db:c:read,write"))).isTrue();
    assertThat(READER.grants(Permission.parse("db:a:read,write"))).isTrue();
    assertThat(READER.grants(Permission.parse("db:a:read,drop"))).isFalse();
  }

  @Test
  void admin_isExactlyStarStarStarAndGrantsEverything() {
    assertThat(Permissions.ADMIN.isAdmin()).isTrue();
    assertThat(Permissions.ADMIN.text()).isEqualTo("*:*:*");
    assertThat(Permissions.ADMIN.grants(Permission.ADMIN)).isTrue();
    assertThat(Permissions.ADMIN.grants(Permission.parse("anything:x:y"))).isTrue();
    assertThat(READER.isAdmin()).isFalse();
    assertThat(READER.grants(Permission.ADMIN)).isFalse();
    assertThat(Permissions.parse("*:*:*")).isSameAs(Permissions.ADMIN);
    assertThat(Permissions.of(Permission.ADMIN)).isSameAs(Permissions.ADMIN);
  }

  @Test
  void text_joinsThePermissionsWithOneSpaceInTheOrderGiven_andReadsBack() {
    Permissions permissions =
        Permissions.of(Permission.parse("system:ping:read"), Permission.parse("db:b,a:write,read"));

    assertThat(permissions.text()).isEqualTo("system:ping:read db:b,a:write,read");
    assertThat(permissions.toString()).isEqualTo(permissions.text());
    assertThat(Permissions.parse(permissions.text())).isEqualTo(permissions);
    assertThat(Permissions.parse(permissions.text()).asList())
        .containsExactlyElementsOf(permissions.asList());
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                            | a token needs at least one permission",
        "*:*:* db:a:read               | *:*:* (admin) cannot be combined with other permissions:"
            + " resource type * is for admin tokens only",
        "db:a:read *:*:*               | *:*:* (admin) cannot be combined with other permissions:"
            + " resource type * is for admin tokens only",
        "db:a:read db:a:read           | duplicate permission db:a:read",
        "db:a,b:read,write db:b,a:write,read | duplicate permission db:b,a:write,read",
        "db:a:read  db:b:read          | permission is empty",
        "db:a:read,                    | permission has an empty action",
        "db:a:read,write system        | permission must be TYPE:NAMES:ACTIONS (two colons), got 0"
            + " colons",
      })
  void parse_andOf_refuseWhatNoTokenMayHold(String text, String message) {
    assertThatThrownBy(() -> Permissions.parse(text.strip()))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage(message);
  }

  @Test
  void of_refusesAnEmptyOrMissingList() {
    assertThatThrownBy(() -> Permissions.of(List.of()))
        .hasMessage("a token needs at least one permission");
    assertThatThrownBy(() -> Permissions.of((List<Permission>) null))
        .hasMessage("a token needs at least one permission");
  }

  @Test
  void of_refusesMoreThan64Permissions() {
    List<Permission> permissions = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      permissions.add(Permission.parse("db:d" + i + ":read"));
    }

    assertThat(Permissions.of(permissions.subList(0, 64)).asList()).hasSize(64);
    assertThatThrownBy(() -> Permissions.of(permissions))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage("a token may hold at most 64 permissions, got 65");
  }

  @Test
  void of_refusesMoreThan256NamesAcrossTheToken() {
    List<Permission> permissions = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<String> names = new ArrayList<>();
      for (int n = 0; n < 86; n++) {
        names.add("p" + p + "n" + n);
      }
      permissions.add(Permission.of("db", names, List.of("read")));
    }

    assertThatThrownBy(() -> Permissions.of(permissions))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage("a token may name at most 256 resources, got 258");
    assertThat(Permissions.of(permissions.subList(0, 2)).asList()).hasSize(2);
  }

  @Test
  void overlappingButDifferentPermissionsAreAllowedAndAddUp() {
    Permissions permissions = Permissions.parse("db:a:read db:a:write db:*:read");

    assertThat(permissions.grants(Permission.parse("db:a:read,write"))).isTrue();
    assertThat(permissions.grants(Permission.parse("db:z:read"))).isTrue();
    assertThat(permissions.grants(Permission.parse("db:z:write"))).isFalse();
  }

  @Test
  void equality_followsThePermissionsInOrder() {
    assertThat(Permissions.parse("db:a:read system:ping:read"))
        .isEqualTo(Permissions.parse("db:a:read system:ping:read"))
        .hasSameHashCodeAs(Permissions.parse("db:a:read system:ping:read"));
    assertThat(Permissions.parse("db:a:read")).isNotEqualTo(Permissions.ADMIN);
  }
}
