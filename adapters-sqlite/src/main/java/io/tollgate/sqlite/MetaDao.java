package io.tollgate.sqlite;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The one row of {@code meta}: the store's identity (created by the first migration). */
interface MetaDao {

  @SqlQuery("SELECT cluster_uuid FROM meta WHERE id = 0")
  String clusterUuid();
}
