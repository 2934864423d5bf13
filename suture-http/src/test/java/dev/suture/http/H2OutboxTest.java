package dev.suture.http;

import dev.suture.store.TestDatabases;

class H2OutboxTest extends OutboxScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
