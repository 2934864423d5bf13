package dev.suture.store;

class H2FindingStoreTest extends FindingStoreScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
