package io.tollgate.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Where and how the HTTP client connects. {@link #toString()} hides the token. */
record ClientSettings(URI host, Optional<String> token, Optional<Path> tlsCa, boolean tlsNoVerify) {

  @Override
  public String toString() {
    return "ClientSettings[host="
        + host
        + ", token="
        + (token.isPresent() ? "(set)" : "(none)")
        + ", tlsCa="
        + tlsCa.map(Path::toString).orElse("(none)")
        + ", tlsNoVerify="
        + tlsNoVerify
        + "]";
  }
}
