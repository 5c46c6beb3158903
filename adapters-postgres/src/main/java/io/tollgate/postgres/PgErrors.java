package io.tollgate.postgres;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TollgateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns what Jdbi, the pool and the driver throw into the domain's errors, by SQL state. Messages
 * name the server and database ({@link PostgresUrl#location()}) and the user, never the password;
 * the driver is told not to put the values of a failing row into its messages ({@code
 * logServerErrorDetail=false}), so nothing stored reaches a log through a cause either. Each {@link
 * StoreException} also carries the condition without any location, for clients.
 */
final class PgErrors {

  static final String UNREACHABLE = "the token store's database is unreachable";
  private static final String DATABASE_ERROR = "database error in the token store";

  private PgErrors() {}

  /**
   * @param failure what was thrown
   * @param url the store, named in the message
   * @param action what failed, e.g. "cannot store token ci"
   */
  static RuntimeException translate(RuntimeException failure, PostgresUrl url, String action) {
    if (failure instanceof TollgateException) {
      return failure;
    }
    SQLException sql = sqlCause(failure);
    if (sql == null) {
      return new StoreException(
          DATABASE_ERROR,
          action
              + ": "
              + failure.getClass().getSimpleName()
              + " on the PostgreSQL store "
              + url.location(),
          failure);
    }
    return translate(sql, url, action);
  }

  static StoreException translate(SQLException sql, PostgresUrl url, String action) {
    String state = sql.getSQLState();
    String where = url.location();
    String as = url.user() == null ? "" : " as " + url.user();
    String tag = state == null ? "" : " (SQL state " + state + ")";
    String reason;
    String condition;
    if (state == null && sql instanceof SQLTransientConnectionException) {
      condition = UNREACHABLE;
      reason = "no connection to the PostgreSQL server at " + where + " could be had in time";
    } else if (state == null) {
      condition = DATABASE_ERROR;
      reason = "database error on the PostgreSQL store " + where;
    } else if (state.startsWith("08") || state.startsWith("57P")) {
      condition = UNREACHABLE;
      reason =
          "the PostgreSQL server at "
              + where
              + " cannot be reached or closed the connection: "
              + url.scrub(firstLine(sql.getMessage()));
    } else if (state.equals("28P01") || state.equals("28000")) {
      condition = "the token store's database refused the login";
      reason =
          "the PostgreSQL server at "
              + where
              + " refused the login"
              + as
              + " (wrong password, or not allowed by pg_hba.conf)";
    } else if (state.equals("3D000")) {
      condition = "the token store's database does not exist";
      reason = "the database " + where + " does not exist; create it first";
    } else if (state.equals("53300")) {
      condition = UNREACHABLE;
      reason = "the PostgreSQL server at " + where + " has no connection slot left";
    } else if (state.equals("42501")) {
      condition = "access to the token store's database was denied";
      reason = "the user" + as + " lacks a privilege on " + where;
    } else if (state.equals("25006")) {
      condition = "the token store's database cannot be written";
      reason = "the PostgreSQL server at " + where + " is read-only (a standby?)";
    } else if (state.equals("55P03")) {
      condition = "the token store stayed locked longer than the lock timeout";
      reason = "the token store " + where + " stayed locked by another node too long";
    } else if (state.equals("40001") || state.equals("40P01")) {
      condition = "the token store's transaction conflicted with another; try again";
      reason = "a concurrent transaction on " + where + " conflicted with this one";
    } else if (state.equals("53100")) {
      condition = "the token store's disk is full";
      reason = "the disk of the PostgreSQL server at " + where + " is full";
    } else if (state.equals("23505")) {
      condition = "a constraint of the token store's database was violated";
      reason = "a unique constraint of " + where + " was violated" + constraint(sql);
    } else if (state.startsWith("23")) {
      condition = "a constraint of the token store's database was violated";
      reason = "a constraint of " + where + " was violated" + constraint(sql);
    } else {
      condition = DATABASE_ERROR;
      reason = "database error on the PostgreSQL store " + where;
    }
    return new StoreException(condition, action + ": " + reason + tag, sql);
  }

  /** The violated constraint's name, when the server gave it: names a rule, not a value. */
  static String constraintName(SQLException sql) {
    for (SQLException e = sql; e != null; e = e.getNextException()) {
      if (e instanceof org.postgresql.util.PSQLException psql
          && psql.getServerErrorMessage() != null
          && psql.getServerErrorMessage().getConstraint() != null) {
        return psql.getServerErrorMessage().getConstraint();
      }
      if (e.getNextException() == e) {
        break;
      }
    }
    return null;
  }

  private static String constraint(SQLException sql) {
    String name = constraintName(sql);
    return name == null ? "" : " (" + name + ")";
  }

  static SQLException sqlCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return (SQLException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
