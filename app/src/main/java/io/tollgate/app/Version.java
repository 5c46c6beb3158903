package io.tollgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The build's version and revision, from {@code tollgate-version.properties}. */
final class Version {

  static final String VERSION;
  static final String REVISION;

  static {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/tollgate-version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // fall through to the defaults
    }
    VERSION = properties.getProperty("version", "unknown");
    REVISION = properties.getProperty("revision", "unknown");
  }

  private Version() {}
}
