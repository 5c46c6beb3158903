package io.tollgate.core.domain;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * A kind of resource a permission can name, with the actions it supports. {@code names} empty: any
 * resource name is allowed (databases, or an embedder's orders); otherwise only those names ({@code
 * system}: {@code health}, {@code metrics}, {@code ping}).
 */
public record ResourceType(String name, List<String> names, List<String> actions) {

  public ResourceType {
    if (name == null || name.isEmpty()) {
      throw Permission.invalid("resource type declaration has an empty name");
    }
    if (!Permission.isWord(name)) {
      throw Permission.invalid(
          "resource type "
              + Permission.shown(name)
              + " is not a lower-case word of at most 64 letters, digits, - or _");
    }
    names = List.copyOf(names == null ? List.of() : names);
    for (String resource : names) {
      if (Permission.WILDCARD.equals(resource)) {
        throw Permission.invalid("resource type " + name + " cannot name the wildcard *");
      }
      Permission.checkName(resource);
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw Permission.invalid("resource type " + name + " names a resource twice");
    }
    actions = List.copyOf(actions == null ? List.of() : actions);
    if (actions.isEmpty()) {
      throw Permission.invalid("resource type " + name + " needs at least one action");
    }
    for (String action : actions) {
      if (action == null || action.isEmpty()) {
        throw Permission.invalid("resource type " + name + " has an empty action");
      }
      if (!Permission.isWord(action)) {
        throw Permission.invalid(
            "action "
                + Permission.shown(action)
                + " of resource type "
                + name
                + " is not a lower-case word of at most 64 letters, digits, - or _");
      }
    }
    if (new HashSet<>(actions).size() != actions.size()) {
      throw Permission.invalid("resource type " + name + " lists an action twice");
    }
  }

  /** A type whose resources may have any name. */
  public static ResourceType anyName(String name, String... actions) {
    return new ResourceType(name, List.of(), Arrays.asList(actions));
  }

  /**
   * Reads a declaration as {@code serve --resource-type} takes it: {@code NAME=ACTION,ACTION}, a
   * type whose resources may have any name.
   *
   * @throws InvalidPermissionException for anything else
   */
  public static ResourceType parse(String declaration) {
    if (declaration == null || declaration.isEmpty()) {
      throw Permission.invalid("resource type declaration is empty, expected NAME=ACTION,ACTION");
    }
    int equals = declaration.indexOf('=');
    if (equals < 0 || declaration.indexOf('=', equals + 1) >= 0) {
      throw Permission.invalid(
          "resource type declaration must be NAME=ACTION,ACTION with one =, got "
              + Permission.shown(declaration));
    }
    String actions = declaration.substring(equals + 1);
    if (actions.isEmpty()) {
      throw Permission.invalid(
          "resource type "
              + Permission.shown(declaration.substring(0, equals))
              + " has no actions");
    }
    return new ResourceType(
        declaration.substring(0, equals), List.of(), Arrays.asList(actions.split(",", -1)));
  }

  /** True when any name is allowed. */
  public boolean acceptsAnyName() {
    return names.isEmpty();
  }

  boolean hasName(String resource) {
    return names.isEmpty() || names.contains(resource);
  }

  boolean hasAction(String action) {
    return actions.contains(action);
  }

  /** {@code NAME=ACTION,ACTION}, plus the names when they are fixed. */
  @Override
  public String toString() {
    return name
        + "="
        + String.join(",", actions)
        + (names.isEmpty() ? "" : " (names " + String.join(",", names) + ")");
  }
}
