package dev.suture.store;

class H2InventoryStoreTest extends InventoryStoreScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
