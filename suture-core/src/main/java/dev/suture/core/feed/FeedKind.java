package dev.suture.core.feed;

import java.util.Locale;

/** The three feeds Suture imports: OSV advisories, CISA KEV, FIRST EPSS. */
public enum FeedKind {
  OSV, KEV, EPSS;

  /** As written in the database, the API and the CLI ({@code osv}, {@code kev}, {@code epss}). */
  public String wireName() { return name().toLowerCase(Locale.ROOT); }

  public static FeedKind fromWire(String s) {
    for (FeedKind k : values()) if (k.wireName().equals(s) || k.name().equals(s)) return k;
    throw new IllegalArgumentException("unknown feed kind '" + s + "' (one of osv, kev, epss)");
  }
}
