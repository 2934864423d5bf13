package dev.suture.store;

class H2IncidentStoreTest extends IncidentStoreScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
