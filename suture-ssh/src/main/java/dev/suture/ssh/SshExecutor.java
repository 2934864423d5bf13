package dev.suture.ssh;

import dev.suture.core.port.ActionRequest;
import dev.suture.core.port.ActionResult;
import dev.suture.core.port.Credential;
import dev.suture.core.port.CredentialStore;
import dev.suture.core.port.ProcessRef;
import dev.suture.core.port.TargetExecutor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executor {@code ssh}: runs argv on remote targets over SSH (Apache MINA SSHD).
 *
 * <p>Everything is asynchronous: connecting, authenticating, running and timing out are MINA
 * callbacks on its few NIO threads plus one timer thread, so a thousand targets in flight hold no
 * thread each. One session per target (user, host, port, credential, jump host) is opened on first
 * use and reused by every later action of every stage; it is dropped when closed by the far side
 * (e.g. a reboot) and reopened on the next action.
 */
public final class SshExecutor implements TargetExecutor, AutoCloseable {
  public static final String TYPE = "ssh";
  private static final Logger log = LoggerFactory.getLogger(SshExecutor.class);
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
  /**
   * Handshakes in progress at once; see {@link ConnectGate}. 16 measured best on a 2-core control
   * node that also runs the hosts' sshd (docs/benchmarks.md): at 32 and 64 handshakes starved of
   * CPU began to exceed their connect timeout.
   */
  public static final int DEFAULT_MAX_CONNECTING = 16;

  private final CredentialStore credentials;
  private final Path defaultKnownHosts;
  private final HostKeyListener hostKeys;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "suture-ssh-timer");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, SshClient> clients = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<ClientSession>> sessions = new HashMap<>();
  private final ConnectGate gate;
  private volatile boolean closed;

  /**
   * @param defaultKnownHosts used when a plan does not set {@code executor.options.knownHosts}
   * @param hostKeys told about first-seen keys accepted under {@code hostKeyPolicy: accept-new}
   */
  public SshExecutor(CredentialStore credentials, Path defaultKnownHosts, HostKeyListener hostKeys) {
    this(credentials, defaultKnownHosts, hostKeys, DEFAULT_MAX_CONNECTING);
  }

  public SshExecutor(CredentialStore credentials, Path defaultKnownHosts, HostKeyListener hostKeys, int maxConnecting) {
    this.credentials = credentials;
    this.defaultKnownHosts = defaultKnownHosts;
    this.hostKeys = hostKeys;
    this.gate = new ConnectGate(maxConnecting);
  }

  @Override public String type() { return TYPE; }

  @Override public ActionResult run(ActionRequest request, Consumer<ProcessRef> started) throws InterruptedException {
    CompletableFuture<ActionResult> f = start(request, started, null);
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt(); // callers check the flag after the exception, as with a local process
      throw e;
    } catch (ExecutionException e) {
      return ActionResult.failed("ssh: " + SshFailure.reason(e), Duration.ZERO);
    }
  }

  @Override public CompletableFuture<ActionResult> start(ActionRequest request, Consumer<ProcessRef> started,
                                                        ExecutorService blocking) {
    long t0 = System.nanoTime();
    SshTarget target;
    try {
      target = SshTarget.of(request, defaultKnownHosts);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(ActionResult.failed(e.getMessage(), Duration.ZERO));
    }
    CompletableFuture<ActionResult> result = new CompletableFuture<>();
    execute(target, request, t0, result, true);
    return result;
  }

  private void execute(SshTarget target, ActionRequest request, long t0, CompletableFuture<ActionResult> result, boolean retry) {
    session(target).whenComplete((session, error) -> {
      if (result.isDone()) return; // cancelled while connecting
      if (error != null && retry && SshFailure.reason(error).startsWith("connect timed out")) {
        // Nothing ran yet, so one more try is safe; a host that is really gone fails again.
        log.info("ssh {}: {}; retrying once", target.display(), SshFailure.reason(error));
        execute(target, request, t0, result, false);
        return;
      }
      if (error != null) {
        result.complete(ActionResult.failed("ssh " + target.display() + ": " + SshFailure.reason(error),
            Duration.ofNanos(System.nanoTime() - t0)));
        return;
      }
      RemoteExec exec = new RemoteExec(session, request, timer, t0);
      result.whenComplete((r, e) -> { if (e instanceof CancellationException) exec.cancel(); });
      exec.start().whenComplete((r, e) -> {
        if (e == null) {
          result.complete(r);
        } else if (retry && !session.isOpen()) {
          // A cached session died under us (host rebooted, idle drop): reconnect once.
          log.info("ssh {}: session was closed; reconnecting", target.display());
          execute(target, request, t0, result, false);
        } else {
          result.complete(ActionResult.failed("ssh " + target.display() + ": " + SshFailure.reason(e),
              Duration.ofNanos(System.nanoTime() - t0)));
        }
      });
    });
  }

  /** The open session for this target, connecting once however many actions ask at the same time. */
  private CompletableFuture<ClientSession> session(SshTarget target) {
    String key = target.sessionKey();
    CompletableFuture<ClientSession> f;
    boolean fresh = false;
    synchronized (sessions) {
      if (closed) return CompletableFuture.failedFuture(new SshFailure("executor is closed"));
      f = sessions.get(key);
      if (f != null && f.isDone() && !f.isCompletedExceptionally() && !f.join().isOpen()) f = null;
      if (f == null) {
        f = new CompletableFuture<>();
        sessions.put(key, f);
        fresh = true;
      }
    }
    if (fresh) {
      CompletableFuture<ClientSession> mine = f;
      gate.submit(() -> {
        mine.whenComplete((s, e) -> gate.release());
        if (closed) mine.completeExceptionally(new SshFailure("executor is closed"));
        else connect(target, mine);
      });
      mine.whenComplete((s, e) -> {
        if (e != null) forget(key, mine);
        else s.addCloseFutureListener(c -> forget(key, mine));
      });
    }
    return f;
  }

  private void forget(String key, CompletableFuture<ClientSession> f) {
    synchronized (sessions) {
      sessions.remove(key, f);
    }
  }

  private void connect(SshTarget t, CompletableFuture<ClientSession> out) {
    ConnectFuture cf;
    try {
      SshClient client = client(t);
      cf = t.jumpHost().isPresent()
          ? client.connect(new HostConfigEntry("", t.host(), t.port(), t.user(), t.jumpHost().get()), null, null)
          : client.connect(t.user(), t.host(), t.port());
    } catch (IOException | RuntimeException e) {
      out.completeExceptionally(new SshFailure("cannot connect: " + SshFailure.reason(e)));
      return;
    }
    ScheduledFuture<?> deadline = timer.schedule(() -> {
      if (out.completeExceptionally(new SshFailure("connect timed out after " + t.connectTimeout().toSeconds() + " s"
          + t.jumpHost().map(j -> " (via jump host " + j + ")").orElse("")))) {
        cf.cancel();
        ClientSession s = cf.getClientSession();
        if (s != null) s.close(true);
      }
    }, t.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    out.whenComplete((s, e) -> deadline.cancel(false));
    cf.addListener(c -> {
      if (!c.isConnected()) {
        out.completeExceptionally(new SshFailure("cannot connect" + t.jumpHost().map(j -> " via jump host " + j).orElse("")
            + ": " + SshFailure.reason(c.getException() == null ? new SshFailure("cancelled") : c.getException())));
        return;
      }
      ClientSession s = c.getClientSession();
      if (out.isDone()) {
        s.close(true);
        return;
      }
      try {
        s.auth().addListener(a -> {
          if (a.isSuccess()) {
            if (!out.complete(s)) s.close(true);
            return;
          }
          String refusal = s.getAttribute(HostKeyVerifier.REFUSAL);
          out.completeExceptionally(new SshFailure(refusal != null ? refusal
              : "authentication as '" + t.user() + "' with credential '" + t.credentials() + "' failed: "
                + SshFailure.reason(a.getException() == null ? new SshFailure("rejected") : a.getException())));
          s.close(true);
        });
      } catch (IOException | RuntimeException e) {
        String refusal = s.getAttribute(HostKeyVerifier.REFUSAL);
        out.completeExceptionally(new SshFailure(refusal != null ? refusal : "authentication failed: " + SshFailure.reason(e)));
        s.close(true);
      }
    });
  }

  /** One client per (credential, host-key policy, known_hosts): identities and verifier are client-wide. */
  private SshClient client(SshTarget t) {
    String key = t.credentials() + "|" + t.policy() + "|" + t.knownHosts();
    SshClient existing = clients.get(key);
    if (existing != null) return existing;
    synchronized (clients) {
      existing = clients.get(key);
      if (existing != null) return existing;
      SshClient client = newClient(t);
      clients.put(key, client);
      return client;
    }
  }

  private SshClient newClient(SshTarget t) {
    Credential c = credentials.find(t.credentials()).orElseThrow(() -> new SshFailure(
        "no credential named '" + t.credentials() + "' (executor.options.credentials; see `suture credentials list`)"));
    SshClient client = SshClient.setUpDefaultClient();
    // Deterministic: never read the server user's ~/.ssh/config or its default identities.
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setServerKeyVerifier(new HostKeyVerifier(t.policy(), t.knownHosts(), hostKeys));
    if (Credential.SSH_KEY.equals(c.type())) {
      client.setKeyIdentityProvider(KeyIdentityProvider.wrapKeyPairs(keys(c)));
      client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
    } else if (Credential.PASSWORD.equals(c.type())) {
      client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
      client.setPasswordIdentityProvider(PasswordIdentityProvider.wrapPasswords(c.secretText()));
    } else {
      throw new SshFailure("credential '" + c.name() + "' has type " + c.type() + ", which ssh cannot use (ssh-key or password)");
    }
    CoreModuleProperties.IDLE_TIMEOUT.set(client, IDLE_TIMEOUT);
    client.start();
    return client;
  }

  private static List<KeyPair> keys(Credential c) {
    try {
      List<KeyPair> out = new ArrayList<>();
      Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("credential " + c.name()),
          new ByteArrayInputStream(c.secret()), null);
      if (loaded != null) loaded.forEach(out::add);
      if (out.isEmpty()) throw new SshFailure("credential '" + c.name() + "' holds no usable private key");
      return out;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof SshFailure f) throw f;
      // Never include the parser's message: it may quote the key material.
      throw new SshFailure("credential '" + c.name() + "' is not a readable unencrypted private key (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Open sessions (for tests and metrics). */
  int openSessions() {
    synchronized (sessions) {
      return (int) sessions.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally() && f.join().isOpen()).count();
    }
  }

  @Override public void close() {
    closed = true;
    List<CompletableFuture<ClientSession>> all;
    synchronized (sessions) {
      all = new ArrayList<>(sessions.values());
      sessions.clear();
    }
    for (var f : all) f.thenAccept(s -> s.close(true));
    for (SshClient c : clients.values()) {
      try {
        c.stop();
      } catch (RuntimeException e) {
        log.debug("stopping ssh client: {}", e.toString());
      }
    }
    clients.clear();
    timer.shutdownNow();
  }
}
