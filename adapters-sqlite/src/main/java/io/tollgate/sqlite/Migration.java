package io.tollgate.sqlite;

import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** One step of the schema: applied inside the transaction that sets {@code user_version}. */
record Migration(int version, String summary, Consumer<Handle> step) {

  static Migration script(int version, String summary, String sql) {
    return new Migration(version, summary, handle -> handle.createScript(sql).execute());
  }
}
