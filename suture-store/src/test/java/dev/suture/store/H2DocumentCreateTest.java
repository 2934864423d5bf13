package dev.suture.store;

class H2DocumentCreateTest extends DocumentCreateScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
