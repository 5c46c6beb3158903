package io.tollgate.core.port.out;

import io.tollgate.core.domain.Token;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TokenRepository#insertThenRead} found: the token it stored, or empty when the insert
 * was refused (nothing was stored then), and the token it read after the insert, or empty when no
 * token has that id.
 */
public record InsertThenRead(Optional<Token> stored, Optional<Token> read) {

  public InsertThenRead {
    Objects.requireNonNull(stored, "stored");
    Objects.requireNonNull(read, "read");
  }
}
