package dev.suture.store;

class H2GateTest extends GateScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
