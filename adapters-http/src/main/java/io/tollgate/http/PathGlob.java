package io.tollgate.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule's path pattern: an absolute path whose segments are literal names, {@code *} (exactly one
 * segment) or {@code **} (any number of segments, none included). Literal segments are compared,
 * case-sensitively, with the decoded segments of {@link OriginalPath}.
 */
final class PathGlob {
  private static final String ONE = "*";
  private static final String ANY_DEPTH = "**";

  /** At most this many {@code **} in one glob: matching stays cheap for any path. */
  static final int MAX_ANY_DEPTH = 2;

  private final String text;
  private final String[] segments;
  private final boolean catchAll;

  private PathGlob(String text, String[] segments) {
    this.text = text;
    this.segments = segments;
    this.catchAll = segments.length == 1 && segments[0].equals(ANY_DEPTH);
  }

  /**
   * Reads a glob.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static PathGlob parse(String text) {
    if (text == null || !text.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /");
    }
    if (text.length() > OriginalPath.MAX_LENGTH) {
      throw new IllegalArgumentException("path is longer than " + OriginalPath.MAX_LENGTH);
    }
    List<String> parts = new ArrayList<>();
    if (!text.equals("/")) {
      for (String part : text.substring(1).split("/", -1)) {
        if (part.isEmpty()) {
          throw new IllegalArgumentException("path has an empty segment (//, or / at the end)");
        }
        if (part.contains("*") && !part.equals(ONE) && !part.equals(ANY_DEPTH)) {
          throw new IllegalArgumentException(
              "invalid glob segment '" + part + "': * and ** stand alone in a segment");
        }
        if (part.equals(".") || part.equals("..")) {
          throw new IllegalArgumentException("path has a . or .. segment");
        }
        if (OriginalPath.segments("/" + part) == null) {
          throw new IllegalArgumentException(
              "invalid path segment '" + part + "' (control character, ; or bad % escape)");
        }
        parts.add(OriginalPath.segments("/" + part).get(0));
      }
    }
    if (parts.stream().filter(ANY_DEPTH::equals).count() > MAX_ANY_DEPTH) {
      throw new IllegalArgumentException("path has more than " + MAX_ANY_DEPTH + " ** segments");
    }
    return new PathGlob(text, parts.toArray(String[]::new));
  }

  /** True for {@code /**}: the one pattern a malformed original URI still matches. */
  boolean isCatchAll() {
    return catchAll;
  }

  /** Whether the decoded {@code path} (null: malformed) matches. */
  boolean matches(List<String> path) {
    if (path == null) {
      return catchAll;
    }
    return matches(0, path, 0);
  }

  private boolean matches(int from, List<String> path, int at) {
    int i = from;
    int j = at;
    while (i < segments.length) {
      String segment = segments[i];
      if (segment.equals(ANY_DEPTH)) {
        if (i == segments.length - 1) {
          return true;
        }
        for (int k = j; k <= path.size(); k++) {
          if (matches(i + 1, path, k)) {
            return true;
          }
        }
        return false;
      }
      if (j >= path.size()) {
        return false;
      }
      if (!segment.equals(ONE) && !segment.equals(path.get(j))) {
        return false;
      }
      i++;
      j++;
    }
    return j == path.size();
  }

  @Override
  public String toString() {
    return text;
  }
}
