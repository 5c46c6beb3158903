package io.tollgate.core.port.in;

import io.tollgate.core.domain.Token;
import java.util.List;

/** Lists every stored token, expired ones included, ordered by id. Never returns a secret. */
public interface ListTokensUseCase {

  List<Token> listTokens();
}
