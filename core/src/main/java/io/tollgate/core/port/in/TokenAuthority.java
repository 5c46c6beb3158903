package io.tollgate.core.port.in;

import java.util.UUID;

/**
 * Every token use case in one handle, for adapters that serve them all (the HTTP API, the library
 * face). Implementations are thread-safe.
 */
public interface TokenAuthority
    extends CreateOperatorTokenUseCase,
        RegenerateOperatorTokenUseCase,
        CreateNamedAdminTokenUseCase,
        DeleteTokenUseCase,
        ListTokensUseCase,
        CreateResourceTokenUseCase,
        AuthenticateUseCase,
        AuthorizeUseCase,
        ImportTokenUseCase,
        UpdateTokenUseCase,
        ServiceStatusUseCase {

  /** The identity of the store behind this authority, sent as {@code cluster-uuid}. */
  UUID clusterId();
}
