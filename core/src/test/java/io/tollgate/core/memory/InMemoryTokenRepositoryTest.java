package io.tollgate.core.memory;

import io.tollgate.core.port.out.TokenRepository;
import io.tollgate.core.port.out.TokenRepositoryContract;

class InMemoryTokenRepositoryTest extends TokenRepositoryContract {

  @Override
  protected TokenRepository newRepository() {
    return new InMemoryTokenRepository();
  }
}
