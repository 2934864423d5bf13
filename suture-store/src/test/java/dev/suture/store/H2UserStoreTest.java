package dev.suture.store;

class H2UserStoreTest extends UserStoreContract {
  @Override String url() { return TestDatabases.h2(tmp); }
}
