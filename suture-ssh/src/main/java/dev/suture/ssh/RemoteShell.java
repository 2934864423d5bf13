package dev.suture.ssh;

import java.util.List;

/**
 * Turns an argv into the one string an SSH exec request carries. The remote side always runs it
 * through the login shell, so each element is single-quoted (a quote inside becomes '\''): an
 * address or label holding {@code $(...)}, backticks, {@code ;} or quotes arrives as one literal
 * argument. Elements are never concatenated raw. The login shell must be POSIX (sh, bash, dash,
 * ksh, zsh); fish and csh are not supported.
 */
final class RemoteShell {
  private RemoteShell() {}

  static String quote(String arg) {
    if (arg.indexOf('\0') >= 0) throw new IllegalArgumentException("an argument contains a NUL byte, which no remote shell can carry");
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  /**
   * The exec string: first prints the shell's pid on stderr (sshd made that shell a session and
   * process-group leader, so the pid names the whole tree a timeout must kill), then replaces the
   * shell with the command itself.
   */
  static String command(List<String> argv) {
    StringBuilder sb = new StringBuilder("echo $$ >&2; exec");
    for (String a : argv) sb.append(' ').append(quote(a));
    return sb.toString();
  }

  /** Terminates a process group: TERM, a grace second, then KILL. The pid is a parsed number. */
  static String kill(long pgid) {
    // "kill -s SIG -- -PGID" is the spelling dash, bash and busybox all accept ("kill -TERM -- -PGID" is not).
    return "kill -s TERM -- -" + pgid + " 2>/dev/null && sleep 1; kill -s KILL -- -" + pgid + " 2>/dev/null; true";
  }
}
