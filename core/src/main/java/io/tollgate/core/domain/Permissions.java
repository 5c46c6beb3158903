package io.tollgate.core.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one token may do: one to {@value #MAX_PERMISSIONS} {@link Permission}s naming at most
 * {@value #MAX_NAMES} resources in all. An admin token holds exactly {@code *:*:*} ({@link
 * #ADMIN}); {@code *:*:*} never appears beside another permission.
 *
 * <p>Written as the permissions' text forms joined by one space, in the order given: {@code *:*:*},
 * {@code db:a,b:read,write system:ping:read}. That is the stored form (the {@code permissions}
 * column) and the listed one ({@code system.tokens}); {@link #parse(String)} reads it back. A space
 * can appear in no permission, so the form is unambiguous.
 *
 * <p>What the permissions grant is worked out once, when the value is built, so that {@link
 * #grants(Permission)} is a map lookup or two and allocates nothing.
 */
public final class Permissions {

  public static final int MAX_PERMISSIONS = 64;
  public static final int MAX_NAMES = Permission.MAX_NAMES;
  public static final String SEPARATOR = " ";

  /** {@code *:*:*}: the permissions of {@code _admin} and of every named admin token. */
  public static final Permissions ADMIN = new Permissions(List.of(Permission.ADMIN));

  private static final String ADMIN_TEXT = Permission.ADMIN.toString();

  private final List<Permission> permissions;
  private final boolean admin;
  private final Map<String, Grant> byType;

  private Permissions(List<Permission> permissions) {
    this.permissions = List.copyOf(permissions);
    this.admin = permissions.size() == 1 && permissions.get(0).isAdmin();
    this.byType = admin ? Map.of() : grantsByType(this.permissions);
  }

  /**
   * A token's permissions, checked: not empty, at most {@value #MAX_PERMISSIONS} permissions and
   * {@value #MAX_NAMES} names, no duplicate, {@code *:*:*} only alone.
   *
   * @throws InvalidPermissionException naming the rule broken
   */
  public static Permissions of(List<Permission> permissions) {
    if (permissions == null || permissions.isEmpty()) {
      throw Permission.invalid("a token needs at least one permission");
    }
    if (permissions.size() > MAX_PERMISSIONS) {
      throw Permission.invalid(
          "a token may hold at most "
              + MAX_PERMISSIONS
              + " permissions, got "
              + permissions.size());
    }
    int names = 0;
    Set<List<Set<String>>> seen = new HashSet<>();
    for (Permission permission : permissions) {
      if (permission == null) {
        throw Permission.invalid("a token's permission is empty");
      }
      if (permission.isAdmin() && permissions.size() > 1) {
        throw Permission.invalid(
            "*:*:* (admin) cannot be combined with other permissions: resource type * is for"
                + " admin tokens only");
      }
      names += permission.resourceNames().size();
      List<Set<String>> key =
          List.of(
              Set.of(permission.resourceType()),
              Set.copyOf(permission.resourceNames()),
              Set.copyOf(permission.actions()));
      if (!seen.add(key)) {
        throw Permission.invalid("duplicate permission " + permission);
      }
    }
    if (names > MAX_NAMES) {
      throw Permission.invalid(
          "a token may name at most " + MAX_NAMES + " resources, got " + names);
    }
    if (permissions.size() == 1 && permissions.get(0).isAdmin()) {
      return ADMIN;
    }
    return new Permissions(permissions);
  }

  /** As {@link #of(List)}. */
  public static Permissions of(Permission... permissions) {
    return of(List.of(permissions));
  }

  /**
   * Reads the stored and listed form: permissions separated by one space. {@code *:*:*} gives the
   * shared {@link #ADMIN} value (a store of a million admin tokens holds one).
   *
   * @throws InvalidPermissionException for text that is not that form
   */
  public static Permissions parse(String text) {
    if (ADMIN_TEXT.equals(text)) {
      return ADMIN;
    }
    if (text == null || text.isEmpty()) {
      throw Permission.invalid("a token needs at least one permission");
    }
    String[] parts = text.split(SEPARATOR, -1);
    if (parts.length > MAX_PERMISSIONS) {
      throw Permission.invalid(
          "a token may hold at most " + MAX_PERMISSIONS + " permissions, got " + parts.length);
    }
    Permission[] permissions = new Permission[parts.length];
    for (int i = 0; i < parts.length; i++) {
      permissions[i] = Permission.parse(parts[i]);
    }
    return of(permissions);
  }

  /** True for exactly {@code *:*:*}. */
  public boolean isAdmin() {
    return admin;
  }

  /**
   * Whether these permissions grant every action on every resource {@code required} names. A
   * required {@code *} (all names, or all actions) is granted only by a held {@code *}; {@link
   * Permission#ADMIN} only by {@link #ADMIN}. Allocates nothing.
   */
  public boolean grants(Permission required) {
    if (admin) {
      return true;
    }
    Grant grant = byType.get(required.resourceType());
    if (grant == null) {
      return false;
    }
    List<String> names = required.resourceNames();
    List<String> actions = required.actions();
    for (int i = 0; i < names.size(); i++) {
      for (int j = 0; j < actions.size(); j++) {
        if (!grant.allows(names.get(i), actions.get(j))) {
          return false;
        }
      }
    }
    return true;
  }

  /** The permissions, in the order given. */
  public List<Permission> asList() {
    return permissions;
  }

  /** The stored and listed form, e.g. {@code db:a,b:read,write system:ping:read}. */
  public String text() {
    if (admin) {
      return ADMIN_TEXT;
    }
    StringBuilder text = new StringBuilder();
    for (Permission permission : permissions) {
      if (text.length() > 0) {
        text.append(SEPARATOR);
      }
      text.append(permission);
    }
    return text.toString();
  }

  /** {@link #text()}: permissions hold no secret. */
  @Override
  public String toString() {
    return text();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Permissions that && permissions.equals(that.permissions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(permissions);
  }

  private static Map<String, Grant> grantsByType(List<Permission> permissions) {
    Map<String, Set<String>> anyName = new HashMap<>();
    Map<String, Map<String, Set<String>>> byName = new HashMap<>();
    for (Permission permission : permissions) {
      String type = permission.resourceType();
      if (permission.coversAllNames()) {
        anyName.computeIfAbsent(type, t -> new HashSet<>()).addAll(permission.actions());
      } else {
        Map<String, Set<String>> names = byName.computeIfAbsent(type, t -> new HashMap<>());
        for (String name : permission.resourceNames()) {
          names.computeIfAbsent(name, n -> new HashSet<>()).addAll(permission.actions());
        }
      }
    }
    Set<String> types = new HashSet<>(anyName.keySet());
    types.addAll(byName.keySet());
    Map<String, Grant> grants = new HashMap<>();
    for (String type : types) {
      Map<String, Set<String>> names = new HashMap<>();
      byName
          .getOrDefault(type, Map.of())
          .forEach((name, acts) -> names.put(name, Set.copyOf(acts)));
      grants.put(
          type, new Grant(Set.copyOf(anyName.getOrDefault(type, Set.of())), Map.copyOf(names)));
    }
    return Map.copyOf(grants);
  }

  /** The actions granted on one resource type: on all its names, and name by name. */
  private record Grant(Set<String> onAllNames, Map<String, Set<String>> byName) {

    boolean allows(String name, String action) {
      return allows(onAllNames, action) || allows(byName.get(name), action);
    }

    private static boolean allows(Set<String> actions, String action) {
      return actions != null && (actions.contains(Permission.WILDCARD) || actions.contains(action));
    }
  }
}
