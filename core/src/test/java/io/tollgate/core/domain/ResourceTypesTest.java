package io.tollgate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTypesTest {

  private final ResourceTypes builtIn = ResourceTypes.builtIn();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "db:a:read",
        "db:a,b:read,write",
        "db:*:*",
        "db:anything-at-all:write",
        "system:health:read",
        "system:health,metrics,ping:read",
        "system:*:read",
        "system:ping:*",
        "db:a:read system:*:read"
      })
  void builtIn_acceptsDbAndSystemPermissions(String text) {
    builtIn.check(Permissions.parse(text));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "orders:a:read        | resource type not supported, orders",
        "db:a:delete          | action not supported, db action delete (supported: read, write)",
        "db:a:read,drop       | action not supported, db action drop (supported: read, write)",
        "system:ping:write    | action not supported, system action write (supported: read)",
        "system:ready:read    | invalid resource name ready for resource type system (names: health,"
            + " metrics, ping)",
        "db:a:read orders:a:read | resource type not supported, orders",
        "*:*:*                | resource type * is for admin tokens only: create a named admin token"
            + " instead",
      })
  void builtIn_refusesUnknownTypesActionsAndNames(String text, String message) {
    assertThatThrownBy(() -> builtIn.check(Permissions.parse(text)))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage(message);
  }

  @Test
  void embedders_declareTheirOwnTypes() {
    ResourceTypes types =
        builtIn
            .with(ResourceType.anyName("orders", "read", "approve"))
            .with(new ResourceType("report", List.of("daily"), List.of("read")));

    types.check(Permissions.parse("orders:eu,us:approve report:daily:read db:a:read"));
    assertThatThrownBy(() -> types.check(Permission.parse("orders:eu:write")))
        .hasMessage("action not supported, orders action write (supported: read, approve)");
    assertThatThrownBy(() -> types.check(Permission.parse("report:weekly:read")))
        .hasMessage("invalid resource name weekly for resource type report (names: daily)");
    assertThat(types.all())
        .extracting(ResourceType::name)
        .containsExactly("db", "system", "orders", "report");
    assertThat(builtIn.find("orders")).isEmpty();
  }

  @Test
  void aTypeCannotBeDeclaredTwice() {
    assertThatThrownBy(() -> builtIn.with(ResourceType.anyName("db", "read")))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage("resource type db is already declared");
  }

  @Test
  void parse_readsTheServeFlagForm() {
    ResourceType orders = ResourceType.parse("orders=read,approve");

    assertThat(orders.name()).isEqualTo("orders");
    assertThat(orders.actions()).containsExactly("read", "approve");
    assertThat(orders.acceptsAnyName()).isTrue();
    assertThat(orders.toString()).isEqualTo("orders=read,approve");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''               | resource type declaration is empty, expected NAME=ACTION,ACTION",
        "orders           | resource type declaration must be NAME=ACTION,ACTION with one =, got"
            + " orders",
        "orders=a=b       | resource type declaration must be NAME=ACTION,ACTION with one =, got"
            + " orders=a=b",
        "orders=          | resource type orders has no actions",
        "=read            | resource type declaration has an empty name",
        "*=read           | resource type * is not a lower-case word of at most 64 letters, digits,"
            + " - or _",
        "Orders=read      | resource type Orders is not a lower-case word of at most 64 letters,"
            + " digits, - or _",
        "orders=read,,b   | resource type orders has an empty action",
        "orders=*         | action * of resource type orders is not a lower-case word of at most 64"
            + " letters, digits, - or _",
        "orders=read,read | resource type orders lists an action twice",
      })
  void parse_refusesMalformedDeclarations(String declaration, String message) {
    assertThatThrownBy(() -> ResourceType.parse(declaration))
        .isInstanceOf(InvalidPermissionException.class)
        .hasMessage(message);
  }
}
