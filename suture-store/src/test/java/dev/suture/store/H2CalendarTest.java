package dev.suture.store;

class H2CalendarTest extends CalendarContract {
  @Override String url() { return TestDatabases.h2(tmp); }
}
