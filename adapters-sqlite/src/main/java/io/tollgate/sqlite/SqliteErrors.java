package io.tollgate.sqlite;

import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TollgateException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns what Jdbi and the driver throw into the domain's errors. Messages name the database file
 * and the failure in words; they never carry SQL arguments, so nothing stored ends up in a log.
 * Each {@link StoreException} also carries the condition without the file's path, for clients.
 */
final class SqliteErrors {

  private static final int CONSTRAINT_UNIQUE = SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE.code;
  private static final int CONSTRAINT_PRIMARYKEY =
      SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY.code;
  private static final String DATABASE_ERROR = "database error in the token store";

  private SqliteErrors() {}

  /**
   * @param failure what was thrown
   * @param databaseFile the store's file, named in the message
   * @param action what failed, e.g. "cannot store token"
   * @param insertedName the name being inserted, for the duplicate-name error; null otherwise
   */
  static RuntimeException translate(
      RuntimeException failure, Path databaseFile, String action, TokenName insertedName) {
    if (failure instanceof TollgateException) {
      return failure;
    }
    SQLException sql = sqlCause(failure);
    if (sql == null) {
      return new StoreException(
          DATABASE_ERROR,
          action + ": " + failure.getClass().getSimpleName() + " on " + databaseFile,
          failure);
    }
    if (sql instanceof SQLiteException) {
      SQLiteException sqlite = (SQLiteException) sql;
      SQLiteErrorCode code = sqlite.getResultCode();
      if (code != null && insertedName != null && isUniqueViolationOf(sqlite, "tokens.name")) {
        return new TokenNameAlreadyExistsException(insertedName);
      }
      return new StoreException(
          condition(sqlite), action + ": " + reason(sqlite, databaseFile), sql);
    }
    return new StoreException(
        DATABASE_ERROR,
        action
            + ": database error on "
            + databaseFile
            + " ("
            + sql.getClass().getSimpleName()
            + ")",
        sql);
  }

  static RuntimeException translate(RuntimeException failure, Path databaseFile, String action) {
    return translate(failure, databaseFile, action, null);
  }

  private static boolean isUniqueViolationOf(SQLiteException e, String column) {
    int code = e.getResultCode().code;
    String message = e.getMessage();
    return (code == CONSTRAINT_UNIQUE || code == CONSTRAINT_PRIMARYKEY)
        && message != null
        && message.contains(column);
  }

  /** The failure in full, naming the database file, for the operator and the server log. */
  private static String reason(SQLiteException e, Path db) {
    SQLiteErrorCode code = e.getResultCode();
    if (code == null) {
      return "database error on " + db;
    }
    String tag = " (" + code.name() + ")";
    switch (code.code & 0xff) {
      case 3: // SQLITE_PERM
        return "access to the database " + db + " was denied" + tag;
      case 5: // SQLITE_BUSY
      case 6: // SQLITE_LOCKED
        return "the database "
            + db
            + " stayed locked by another connection longer than the busy timeout"
            + tag;
      case 8: // SQLITE_READONLY
        return "the database "
            + db
            + " cannot be written: check that the file and its directory are writable and that"
            + " the file was not moved or deleted"
            + tag;
      case 10: // SQLITE_IOERR
        return "I/O error on the database " + db + tag;
      case 11: // SQLITE_CORRUPT
        return "the database " + db + " is corrupt; restore it from a backup" + tag;
      case 13: // SQLITE_FULL
        return "the disk holding the database " + db + " is full" + tag;
      case 14: // SQLITE_CANTOPEN
        return "the database "
            + db
            + " cannot be opened: check that the file and its directory are readable and writable"
            + tag;
      case 19: // SQLITE_CONSTRAINT
        if (isUniqueViolationOf(e, "tokens.hash")) {
          return "a token with the same hash exists already in " + db + tag;
        }
        return "a constraint of the database " + db + " was violated" + tag;
      case 26: // SQLITE_NOTADB
        return db + " is not a SQLite database" + tag;
      default:
        return "database error on " + db + tag;
    }
  }

  /** The same failure in words a client may see: no path, no SQL, nothing stored. */
  private static String condition(SQLiteException e) {
    SQLiteErrorCode code = e.getResultCode();
    if (code == null) {
      return DATABASE_ERROR;
    }
    switch (code.code & 0xff) {
      case 3: // SQLITE_PERM
        return "access to the token store's database was denied";
      case 5: // SQLITE_BUSY
      case 6: // SQLITE_LOCKED
        return "the token store stayed locked longer than the busy timeout";
      case 8: // SQLITE_READONLY
        return "the token store's database cannot be written";
      case 10: // SQLITE_IOERR
        return "I/O error on the token store's database";
      case 11: // SQLITE_CORRUPT
        return "the token store's database is corrupt";
      case 13: // SQLITE_FULL
        return "the token store's disk is full";
      case 14: // SQLITE_CANTOPEN
        return "the token store's database cannot be opened";
      case 19: // SQLITE_CONSTRAINT
        return "a constraint of the token store's database was violated";
      case 26: // SQLITE_NOTADB
        return "the token store's file is not a SQLite database";
      default:
        return DATABASE_ERROR;
    }
  }

  private static SQLException sqlCause(Throwable failure) {
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
}
