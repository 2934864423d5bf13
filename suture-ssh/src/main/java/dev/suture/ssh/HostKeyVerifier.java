package dev.suture.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * known_hosts verification with Suture's policy: strict by default, accept-new when the plan says
 * so (and then audited through the listener), a changed key always refused. The reason for a
 * refusal is left on the session so the executor can report it instead of MINA's generic
 * "server key did not validate".
 */
final class HostKeyVerifier extends KnownHostsServerKeyVerifier {
  static final AttributeKey<String> REFUSAL = new AttributeKey<>();

  private final HostKeyPolicy policy;
  private final Path file;
  private final HostKeyListener listener;

  HostKeyVerifier(HostKeyPolicy policy, Path file, HostKeyListener listener) {
    super(policy == HostKeyPolicy.ACCEPT_NEW ? AcceptAllServerKeyVerifier.INSTANCE : RejectAllServerKeyVerifier.INSTANCE, file);
    this.policy = policy;
    this.file = file;
    this.listener = listener;
  }

  @Override protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
    String where = describe(remote);
    if (policy == HostKeyPolicy.STRICT) {
      session.setAttribute(REFUSAL, "host key of " + where + " (" + KeyUtils.getFingerPrint(key) + ") is not in known_hosts "
          + file + " (hostKeyPolicy: strict); add it after checking the fingerprint, or set executor.options.hostKeyPolicy: accept-new");
      return false;
    }
    boolean accepted = super.acceptUnknownHostKey(session, remote, key);
    if (accepted && remote instanceof InetSocketAddress a)
      listener.accepted(a.getHostString(), a.getPort(), KeyUtils.getFingerPrint(key), file);
    return accepted;
  }

  @Override public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                                   PublicKey expected, PublicKey actual) {
    session.setAttribute(REFUSAL, "HOST KEY MISMATCH for " + describe(remote) + ": known_hosts " + file + " has "
        + KeyUtils.getFingerPrint(expected) + " but the server offered " + KeyUtils.getFingerPrint(actual)
        + "; refusing to connect (the host was reinstalled, or someone is intercepting the connection)");
    return false;
  }

  private static String describe(SocketAddress remote) {
    if (remote instanceof InetSocketAddress a) return a.getHostString() + ":" + a.getPort();
    return String.valueOf(remote);
  }
}
