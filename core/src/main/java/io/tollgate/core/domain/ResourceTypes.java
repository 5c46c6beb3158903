package io.tollgate.core.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types permissions may name, and their actions. Built in: {@code db} ({@code read},
 * {@code write}) and {@code system} (names {@code health}, {@code metrics}, {@code ping}; {@code
 * read}). An embedding application, or {@code serve --resource-type}, declares more with {@link
 * #with(ResourceType)}. Immutable.
 */
public final class ResourceTypes {

  public static final ResourceType DB = ResourceType.anyName("db", "read", "write");
  public static final ResourceType SYSTEM =
      new ResourceType("system", List.of("health", "metrics", "ping"), List.of("read"));

  private static final ResourceTypes BUILT_IN = new ResourceTypes(List.of(DB, SYSTEM));

  private final Map<String, ResourceType> types;

  private ResourceTypes(List<ResourceType> types) {
    Map<String, ResourceType> byName = new LinkedHashMap<>();
    for (ResourceType type : types) {
      if (byName.putIfAbsent(type.name(), type) != null) {
        throw Permission.invalid("resource type " + type.name() + " is already declared");
      }
    }
    this.types = byName;
  }

  /** {@code db} and {@code system}. */
  public static ResourceTypes builtIn() {
    return BUILT_IN;
  }

  /**
   * These types and {@code type}.
   *
   * @throws InvalidPermissionException if a type of that name exists already
   */
  public ResourceTypes with(ResourceType type) {
    List<ResourceType> all = new ArrayList<>(types.values());
    all.add(type);
    return new ResourceTypes(all);
  }

  public Optional<ResourceType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** Every type, built-in ones first, then in the order declared. */
  public List<ResourceType> all() {
    return List.copyOf(types.values());
  }

  /**
   * Checks a resource token's permissions against the declared types: each type known, each action
   * one of its type's, each name one of its type's when the type fixes them. {@code *} TYPE is
   * refused: only admin tokens hold it.
   *
   * @throws InvalidPermissionException naming the first permission that breaks a rule
   */
  public void check(Permissions permissions) {
    for (Permission permission : permissions.asList()) {
      check(permission);
    }
  }

  /** As {@link #check(Permissions)}, for one permission. */
  public void check(Permission permission) {
    if (permission.isAdmin()) {
      throw Permission.invalid(
          "resource type * is for admin tokens only: create a named admin token instead");
    }
    ResourceType type = types.get(permission.resourceType());
    if (type == null) {
      throw Permission.invalid("resource type not supported, " + permission.resourceType());
    }
    if (!permission.coversAllActions()) {
      for (String action : permission.actions()) {
        if (!type.hasAction(action)) {
          throw Permission.invalid(
              "action not supported, "
                  + type.name()
                  + " action "
                  + action
                  + " (supported: "
                  + String.join(", ", type.actions())
                  + ")");
        }
      }
    }
    if (!permission.coversAllNames()) {
      for (String name : permission.resourceNames()) {
        if (!type.hasName(name)) {
          throw Permission.invalid(
              "invalid resource name "
                  + Permission.shown(name)
                  + " for resource type "
                  + type.name()
                  + " (names: "
                  + String.join(", ", type.names())
                  + ")");
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ResourceTypes" + types.values();
  }
}
