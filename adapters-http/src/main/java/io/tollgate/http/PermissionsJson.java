package io.tollgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.core.domain.InvalidPermissionException;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads InfluxDB 3 Enterprise's {@code permissions} field: a list of {@code {"resource_type": "db",
 * "resource_names": ["a"], "actions": ["read"]}} ({@code resource_identifier} is accepted for
 * {@code resource_names}, as its guide spells it). Shape errors are {@code serde json error} 400s;
 * the rules of permissions themselves are core's ({@link Permission}, {@link Permissions}).
 */
final class PermissionsJson {
  private static final String NAMES = "resource_names";
  private static final String IDENTIFIER = "resource_identifier";

  private PermissionsJson() {}

  static Permissions read(ObjectNode body) {
    JsonNode list = body.get("permissions");
    if (list == null || list.isNull()) {
      throw StrictJson.failure("missing field `permissions`");
    }
    if (!list.isArray()) {
      throw StrictJson.failure("invalid type for field `permissions`: expected a list");
    }
    if (list.isEmpty()) {
      throw new InvalidPermissionException("a resource token needs at least one permission");
    }
    if (list.size() > Permissions.MAX_PERMISSIONS) {
      throw new InvalidPermissionException(
          "a token holds at most " + Permissions.MAX_PERMISSIONS + " permissions");
    }
    List<Permission> permissions = new ArrayList<>(list.size());
    for (JsonNode item : list) {
      permissions.add(permission(item));
    }
    return Permissions.of(permissions);
  }

  private static Permission permission(JsonNode item) {
    if (!item.isObject()) {
      throw StrictJson.failure("invalid type in `permissions`: expected an object per permission");
    }
    ObjectNode object = (ObjectNode) item;
    object
        .fieldNames()
        .forEachRemaining(
            field -> {
              if (!List.of("resource_type", NAMES, IDENTIFIER, "actions").contains(field)) {
                throw StrictJson.failure(
                    "unknown field `"
                        + field
                        + "` in a permission, expected `resource_type`, `resource_names` and"
                        + " `actions`");
              }
            });
    if (object.has(NAMES) && object.has(IDENTIFIER)) {
      throw StrictJson.failure("give `resource_names` or `resource_identifier`, not both");
    }
    String type = StrictJson.requiredString(object, "resource_type");
    List<String> names = strings(object, object.has(IDENTIFIER) ? IDENTIFIER : NAMES);
    List<String> actions = strings(object, "actions");
    return Permission.of(type, names, actions);
  }

  private static List<String> strings(ObjectNode object, String field) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      throw StrictJson.failure("missing field `" + field + "`");
    }
    if (!node.isArray()) {
      throw StrictJson.failure(
          "invalid type for field `" + field + "`: expected a list of strings");
    }
    if (node.size() > Permission.MAX_NAMES) {
      throw new InvalidPermissionException(
          "a permission lists at most " + Permission.MAX_NAMES + " " + field.replace('_', ' '));
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode value : node) {
      if (!value.isTextual() || !StrictJson.isValidUnicode(value.textValue())) {
        throw StrictJson.failure("invalid value in `" + field + "`: expected a string");
      }
      values.add(value.textValue());
    }
    return values;
  }
}
