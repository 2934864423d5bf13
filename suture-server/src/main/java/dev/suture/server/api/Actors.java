package dev.suture.server.api;

import dev.suture.core.auth.Actor;
import dev.suture.server.security.CurrentActor;

/** Who is acting: the authenticated caller of the current request (audit events carry the name). */
final class Actors {
  private Actors() {}

  static String current() { return CurrentActor.get().name(); }

  static Actor actor() { return CurrentActor.get(); }
}
