package io.tollgate.sqlite;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The one row of {@code meta}: the store's identity and the next token id. */
interface MetaDao {

  @SqlUpdate(
      """
      INSERT INTO meta (id, next_token_id, cluster_uuid) VALUES (0, 0, :clusterUuid)
      """)
  void create(@Bind("clusterUuid") String clusterUuid);

  @SqlQuery("SELECT cluster_uuid FROM meta WHERE id = 0")
  String clusterUuid();
}
