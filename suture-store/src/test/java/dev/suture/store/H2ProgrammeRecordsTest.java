package dev.suture.store;

class H2ProgrammeRecordsTest extends ProgrammeRecordsScenarios {
  private String url;

  /** One file per test: the reader's own pool must open the database the engine wrote. */
  @Override String url() {
    if (url == null) url = TestDatabases.h2(tmp);
    return url;
  }
}
