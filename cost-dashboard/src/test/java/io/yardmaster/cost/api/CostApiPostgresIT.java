package io.yardmaster.cost.api;

import io.yardmaster.cost.CostTestServer;

/** The cost API on PostgreSQL, production's database. */
class CostApiPostgresIT extends CostApiContract {
  @Override
  CostTestServer.Database database() {
    return CostTestServer.Database.POSTGRESQL;
  }
}
