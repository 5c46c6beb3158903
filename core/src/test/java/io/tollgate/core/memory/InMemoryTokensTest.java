package io.tollgate.core.memory;

import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenRepositoryContract;

/** Core's repository contract on the committed tokens of an in-memory store. */
class InMemoryTokensTest extends TokenRepositoryContract {

  @Override
  protected TokenRepository newRepository() {
    return new InMemoryTokenStore().tokens();
  }
}
