package dev.suture.ssh;

import java.nio.file.Path;

/** Told when a first-seen host key was trusted under {@code hostKeyPolicy: accept-new}, so it can be audited. */
@FunctionalInterface
public interface HostKeyListener {
  void accepted(String host, int port, String fingerprint, Path knownHosts);

  HostKeyListener NONE = (host, port, fingerprint, knownHosts) -> {};
}
