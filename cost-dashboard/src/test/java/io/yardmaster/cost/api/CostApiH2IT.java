package io.yardmaster.cost.api;

import io.yardmaster.cost.CostTestServer;

/** The cost API on H2, the embedded default's database. */
class CostApiH2IT extends CostApiContract {
  @Override
  CostTestServer.Database database() {
    return CostTestServer.Database.H2;
  }
}
