package io.tollgate.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for values validated at the edge; each failure is a usage error. */
final class Converters {

  private Converters() {}

  /** {@code host:port} with a port 0 to 65535. */
  static final class Bind implements ITypeConverter<BindAddress> {
    @Override
    public BindAddress convert(String value) {
      try {
        return BindAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** An absolute {@code http} or {@code https} URL with a host; a trailing slash is dropped. */
  static final class HostUrl implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI uri;
      try {
        uri = new URI(value.trim());
      } catch (URISyntaxException e) {
        throw invalid(value);
      }
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw invalid(value);
      }
      String text = uri.toString();
      while (text.endsWith("/")) {
        text = text.substring(0, text.length() - 1);
      }
      return URI.create(text);
    }

    private static TypeConversionException invalid(String value) {
      return new TypeConversionException(
          "invalid host URL \""
              + value
              + "\": expected http://HOST:PORT or https://HOST:PORT, e.g. http://127.0.0.1:8181");
    }
  }

  /** A path; a leading {@code ~/} is left for {@link #expandHome}. */
  static Path expandHome(String value, Path home) {
    if (value.equals("~")) {
      return home;
    }
    if (value.startsWith("~/")) {
      return home.resolve(value.substring(2));
    }
    return Path.of(value);
  }
}
