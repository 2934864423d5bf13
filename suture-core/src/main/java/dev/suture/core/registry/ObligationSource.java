package dev.suture.core.registry;

import java.time.Instant;
import java.util.List;

/**
 * Port: a part of the server that owes things by a deadline (e.g. post-hoc reviews of emergency
 * change requests) and wants them in the SLA report. The report asks every source at {@code now}.
 */
public interface ObligationSource {
  List<Obligation> obligations(Instant now);
}
