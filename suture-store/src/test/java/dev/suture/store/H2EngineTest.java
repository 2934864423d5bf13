package dev.suture.store;

class H2EngineTest extends EngineScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
