package dev.suture.store;

class H2WindowTest extends WindowScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
