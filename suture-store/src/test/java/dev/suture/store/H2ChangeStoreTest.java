package dev.suture.store;

class H2ChangeStoreTest extends ChangeStoreScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
