package io.tollgate.postgres;

import java.sql.SQLException;

/**
 * A driver failure of a statement run through plain JDBC, carried out of code that may not throw
 * checked exceptions; {@link PgErrors} finds the {@link SQLException} in its cause and translates
 * it like any other.
 */
final class SqlFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SqlFailure(SQLException cause) {
    super(cause);
  }
}
