package dev.suture.store;

class PostgresDocumentCreateTest extends DocumentCreateScenarios {
  private String url;

  @Override String url() {
    if (url == null) url = TestDatabases.postgres();
    return url;
  }

  @Override String user() { return TestDatabases.PG_USER; }

  @Override String password() { return TestDatabases.PG_PASSWORD; }
}
