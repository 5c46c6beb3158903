package io.tollgate.http;

import io.tollgate.core.domain.Permission;
import io.tollgate.http.HttpServerConfig.AuthzExemption;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a route needs before its handler runs: a {@link Permission} (checked by the one decision in
 * core), possibly waived by a {@code --disable-authz} name; or nothing at all, either because the
 * route hands out a secret without authentication (the bootstrap: it also refuses cross-site
 * callers) or because the handler makes its own decision (forward authentication).
 */
record Access(Permission required, AuthzExemption exemptAs, Kind kind) {

  enum Kind {
    /** The filter checks {@link #required} (unless the route is exempted by its option). */
    PERMISSION,
    /** No token: the route answers with a secret, so cross-site requests are refused. */
    ISSUES_SECRET_WITHOUT_TOKEN,
    /** No token checked by the filter: the handler decides and answers on its own. */
    DECIDED_BY_HANDLER,
    /** No token: a fixed static file of the web console, which holds no secret. */
    PUBLIC_ASSET
  }

  Access {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.PERMISSION) != (required != null)) {
      throw new IllegalArgumentException("a permission route needs a permission, others none");
    }
    if (exemptAs != null && kind != Kind.PERMISSION) {
      throw new IllegalArgumentException("only a permission can be waived by --disable-authz");
    }
  }

  /** The route needs {@code permission}. */
  static Access requires(Permission permission) {
    return new Access(Objects.requireNonNull(permission, "permission"), null, Kind.PERMISSION);
  }

  /** Token management: an admin token ({@code *:*:*}). */
  static Access admin() {
    return requires(Permission.ADMIN);
  }

  /** The bootstrap of the operator token: no token, no cross-site caller. */
  static Access secretIssuer() {
    return new Access(null, null, Kind.ISSUES_SECRET_WITHOUT_TOKEN);
  }

  /** The handler reads the credentials and decides itself. */
  static Access decidedByHandler() {
    return new Access(null, null, Kind.DECIDED_BY_HANDLER);
  }

  /** A static file of the web console: no token (the page holds no secret, the API checks). */
  static Access publicAsset() {
    return new Access(null, null, Kind.PUBLIC_ASSET);
  }

  /** This access, waived when the server runs with {@code --disable-authz <exemption>}. */
  Access exemptibleAs(AuthzExemption exemption) {
    return new Access(required, Objects.requireNonNull(exemption, "exemption"), kind);
  }

  /** True when the filter checks no token for this route, given the server's exemptions. */
  boolean skipsAuthentication(Set<AuthzExemption> exemptions) {
    return kind != Kind.PERMISSION || exemptAs != null && exemptions.contains(exemptAs);
  }

  boolean issuesSecretWithoutToken() {
    return kind == Kind.ISSUES_SECRET_WITHOUT_TOKEN;
  }

  Optional<AuthzExemption> exemption() {
    return Optional.ofNullable(exemptAs);
  }
}
