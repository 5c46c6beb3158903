package io.tollgate.stores;

import java.util.regex.Pattern;

/** Takes the password out of a database URL before it is printed. */
final class Redaction {

  /** {@code scheme://user:PASSWORD@host}: the password part of the authority. */
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/@:?]*):[^/@]*@");

  /** {@code password=PASSWORD} among the query parameters, any case. */
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&]*");

  private Redaction() {}

  static String redact(String url) {
    String withoutUserInfo = USER_INFO_PASSWORD.matcher(url).replaceAll("$1:***@");
    return PASSWORD_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
  }
}
