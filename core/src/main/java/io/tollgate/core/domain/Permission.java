package io.tollgate.core.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a token may do on one resource type: {@code TYPE:NAMES:ACTIONS}, where NAMES and ACTIONS are
 * {@code *} (all) or comma-separated lists, as InfluxDB 3 Enterprise writes them ({@code
 * db:a,b:read,write}, {@code system:ping:read}). {@code *:*:*} is the admin permission; no other
 * permission may have the {@code *} type.
 *
 * <p>The rules checked here need no registry: the text form, wildcards, duplicates, and resource
 * names (the character rules of token names, and no spaces, commas or colons, so that the text form
 * always reads back the same). Whether a type and its actions exist is the business of {@link
 * ResourceTypes}. Also the value a route requires: {@link #required(String, String, String)}.
 */
public record Permission(String resourceType, List<String> resourceNames, List<String> actions) {

  public static final String WILDCARD = "*";

  /** At most this many names in one permission (and in one token, see {@link Permissions}). */
  public static final int MAX_NAMES = 256;

  /** Everything: the one permission of an admin token. */
  public static final Permission ADMIN =
      new Permission(WILDCARD, List.of(WILDCARD), List.of(WILDCARD));

  /** Resource types and actions: lower-case ASCII words. */
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,64}");

  public Permission {
    if (resourceType == null || resourceType.isEmpty()) {
      throw invalid("permission has an empty resource type");
    }
    resourceNames = checkedNames(resourceNames);
    actions = checkedActions(actions);
    if (WILDCARD.equals(resourceType)) {
      if (!isWildcard(resourceNames) || !isWildcard(actions)) {
        throw invalid("resource type * is allowed only in *:*:*, the permission of admin tokens");
      }
    } else if (!WORD.matcher(resourceType).matches()) {
      throw invalid("resource type not supported, " + shown(resourceType));
    }
  }

  /**
   * Reads {@code TYPE:NAMES:ACTIONS}: no spaces, exactly two colons, no empty segment or list item.
   *
   * @throws InvalidPermissionException naming what is wrong
   */
  public static Permission parse(String text) {
    if (text == null || text.isEmpty()) {
      throw invalid("permission is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid("permission must not contain spaces");
      }
    }
    String[] segments = text.split(":", -1);
    if (segments.length != 3) {
      throw invalid(
          "permission must be TYPE:NAMES:ACTIONS (two colons), got "
              + (segments.length - 1)
              + " colon"
              + (segments.length == 2 ? "" : "s"));
    }
    if (segments[1].isEmpty()) {
      throw invalid("permission has an empty list of resource names");
    }
    if (segments[2].isEmpty()) {
      throw invalid("permission has an empty list of actions");
    }
    return new Permission(
        segments[0],
        Arrays.asList(segments[1].split(",", -1)),
        Arrays.asList(segments[2].split(",", -1)));
  }

  /** Same rules as {@link #parse(String)}, from the parts (the JSON form). */
  public static Permission of(
      String resourceType, List<String> resourceNames, List<String> actions) {
    return new Permission(resourceType, resourceNames, actions);
  }

  /**
   * What a route or call requires: one action on one named resource. Build it once and keep it;
   * checking it against a token allocates nothing.
   */
  public static Permission required(String resourceType, String resourceName, String action) {
    return new Permission(resourceType, List.of(resourceName), List.of(action));
  }

  /** True for {@code *:*:*}. */
  public boolean isAdmin() {
    return WILDCARD.equals(resourceType);
  }

  /** True when NAMES is {@code *}: every resource of the type. */
  public boolean coversAllNames() {
    return isWildcard(resourceNames);
  }

  /** True when ACTIONS is {@code *}: every action of the type. */
  public boolean coversAllActions() {
    return isWildcard(actions);
  }

  /** {@code TYPE:NAMES:ACTIONS}, which {@link #parse(String)} reads back to an equal value. */
  @Override
  public String toString() {
    return resourceType + ":" + String.join(",", resourceNames) + ":" + String.join(",", actions);
  }

  /**
   * A resource name's own rules, shared with {@link ResourceType}: those of token names, and no
   * whitespace, comma, colon or wildcard.
   */
  static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw invalid("permission has an empty resource name");
    }
    try {
      TokenName.of(name);
    } catch (InvalidTokenNameException e) {
      throw invalid("invalid resource name, the rules of token names apply: " + e.getMessage());
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == ',' || c == ':' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid(
            "invalid resource name " + shown(name) + ": no spaces, commas or colons allowed");
      }
    }
    if (name.contains(WILDCARD)) {
      throw invalid("invalid resource name " + shown(name) + ": * stands alone, for all names");
    }
  }

  /** A resource type's or action's spelling: a lower-case ASCII word of at most 64 characters. */
  static boolean isWord(String value) {
    return value != null && WORD.matcher(value).matches();
  }

  /** {@code value} for a message, or a placeholder when it is long or not printable ASCII. */
  static String shown(String value) {
    return PRINTABLE.matcher(value).matches() ? value : "(" + value.length() + " characters)";
  }

  static InvalidPermissionException invalid(String message) {
    return new InvalidPermissionException(message);
  }

  private static List<String> checkedNames(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw invalid("permission has an empty list of resource names");
    }
    if (names.size() > MAX_NAMES) {
      throw invalid(
          "a permission may name at most " + MAX_NAMES + " resources, got " + names.size());
    }
    List<String> copy = new ArrayList<>(names.size());
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (WILDCARD.equals(name)) {
        if (names.size() > 1) {
          throw invalid("mixed wildcard (*) and resource name");
        }
      } else {
        checkName(name);
      }
      if (!seen.add(name)) {
        throw invalid("duplicate resource name " + shown(name));
      }
      copy.add(name);
    }
    return List.copyOf(copy);
  }

  private static List<String> checkedActions(List<String> actions) {
    if (actions == null || actions.isEmpty()) {
      throw invalid("permission has an empty list of actions");
    }
    List<String> copy = new ArrayList<>(actions.size());
    Set<String> seen = new HashSet<>();
    for (String action : actions) {
      if (action == null || action.isEmpty()) {
        throw invalid("permission has an empty action");
      }
      if (WILDCARD.equals(action)) {
        if (actions.size() > 1) {
          throw invalid("mixed wildcard (*) and action");
        }
      } else if (!isWord(action)) {
        throw invalid("action not supported, " + shown(action));
      }
      if (!seen.add(action)) {
        throw invalid("duplicate action " + action);
      }
      copy.add(action);
    }
    return List.copyOf(copy);
  }

  private static boolean isWildcard(List<String> values) {
    return values.size() == 1 && WILDCARD.equals(values.get(0));
  }
}
