package io.tollgate.core.memory;

import io.tollgate.core.port.out.AuditLogContract;
import io.tollgate.core.port.out.TokenStore;

/** Core's audit log contract on the in-memory store. */
class InMemoryAuditLogTest extends AuditLogContract {

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }

  @Override
  protected TokenStore reopen(TokenStore store) {
    return store;
  }

  @Override
  protected TokenStore newSecondStore() {
    return new InMemoryTokenStore();
  }
}
