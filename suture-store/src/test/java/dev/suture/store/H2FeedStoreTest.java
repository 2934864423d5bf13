package dev.suture.store;

class H2FeedStoreTest extends FeedStoreScenarios {
  @Override String url() { return TestDatabases.h2(tmp); }
}
