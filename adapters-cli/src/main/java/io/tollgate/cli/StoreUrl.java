package io.tollgate.cli;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code serve --store URL} (and a side of {@code store copy}): a PostgreSQL store several nodes
 * share, {@code postgresql://…} (or {@code postgres://…}) or {@code jdbc:postgresql:…}. Only the
 * form is checked here; the store checks the rest when it opens. {@link #toString()} never shows
 * the password.
 *
 * @param url the URL as given
 */
public record StoreUrl(String url) implements StoreEndpoint {

  static final String ACCEPTED_FORMS =
      "expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE or"
          + " jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER";

  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/@:?]*):[^/@]*@");
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&]*");

  /**
   * @throws IllegalArgumentException if {@code url} is not a PostgreSQL URL; the message does not
   *     repeat it (it may hold a password)
   */
  public StoreUrl {
    Objects.requireNonNull(url, "url");
    boolean postgres =
        url.startsWith("postgresql://")
            || url.startsWith("postgres://")
            || url.startsWith("jdbc:postgresql:");
    if (!postgres || url.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
      throw new IllegalArgumentException("not a PostgreSQL URL: " + ACCEPTED_FORMS);
    }
  }

  /** The URL with any password replaced by {@code ***}. */
  public String redacted() {
    String withoutUserInfo = USER_INFO_PASSWORD.matcher(url).replaceAll("$1:***@");
    return PASSWORD_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return redacted();
  }
}
