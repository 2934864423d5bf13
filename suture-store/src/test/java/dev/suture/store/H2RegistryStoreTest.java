package dev.suture.store;

class H2RegistryStoreTest extends RegistryStoreScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
