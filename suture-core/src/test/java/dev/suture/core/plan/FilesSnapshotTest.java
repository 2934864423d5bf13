package dev.suture.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.suture.core.model.Asset;
import dev.suture.core.model.Criticality;
import dev.suture.core.model.Patch;
import dev.suture.core.model.PatchKind;
import dev.suture.core.model.Priority;
import dev.suture.core.template.Template;
import dev.suture.core.template.TemplateContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the files snapshot scripts for real: exactly the argv a plan produces, rendered by the
 * template renderer, started with ProcessBuilder (no shell string is built here), against a
 * temporary tree.
 */
class FilesSnapshotTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final Patch PATCH = new Patch("p", "P", PatchKind.CONFIG, null, Priority.ROUTINE, "1.0", null, null);
  private static final Asset HOST = new Asset("web-1", "prod", "10.0.0.1", List.of(), Map.of(), Criticality.LOW);

  @TempDir Path tmp;
  Path etc;
  Path snapshots;
  Path cwd;

  record Run(int exit, String output) {}

  @BeforeEach
  void tree() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX sh");
    etc = Files.createDirectories(tmp.resolve("etc"));
    snapshots = tmp.resolve("snapshots");
    cwd = Files.createDirectories(tmp.resolve("cwd"));
  }

  private Run run(List<String> template, String rolloutId) throws Exception {
    List<String> argv = Template.render(template, new TemplateContext(rolloutId, PATCH, HOST));
    Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("script finished").isTrue();
    return new Run(p.exitValue(), out);
  }

  private SnapshotSpec spec(List<Path> paths, int retain) {
    return FilesSnapshot.spec(snapshots.toString(), paths.stream().map(Path::toString).toList(), retain, null, false);
  }

  private static Path write(Path file, String content, String mode) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private static boolean root() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/"), "unix:uid")) == 0
        && System.getProperty("user.name").equals("root");
  }

  /**
   * Everything below {@code top} that a restore must reproduce: type, mode, owner, mtime, link
   * target. Times to the second: GNU cp -p keeps nanoseconds, BusyBox cp -p (Alpine) whole seconds.
   */
  private static Map<String, String> describe(Path top, List<Path> paths) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path p : paths) {
      if (!Files.exists(p, NOFOLLOW)) {
        out.put(top.relativize(p).toString(), "absent");
        continue;
      }
      Files.walkFileTree(p, new SimpleFileVisitor<>() {
        @Override public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
          out.put(top.relativize(d).toString(), attrs(d));
          return FileVisitResult.CONTINUE;
        }

        @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
          out.put(top.relativize(f).toString(), attrs(f));
          return FileVisitResult.CONTINUE;
        }
      });
    }
    return out;
  }

  private static String attrs(Path f) throws IOException {
    if (Files.isSymbolicLink(f)) return "link -> " + Files.readSymbolicLink(f);
    return (Files.isDirectory(f, NOFOLLOW) ? "dir " : "file ")
        + PosixFilePermissions.toString(Files.getPosixFilePermissions(f, NOFOLLOW))
        + " uid=" + Files.getAttribute(f, "unix:uid", NOFOLLOW) + " gid=" + Files.getAttribute(f, "unix:gid", NOFOLLOW)
        + (Files.isDirectory(f, NOFOLLOW) ? "" : " size=" + Files.size(f) + " mtime=" + Files.getLastModifiedTime(f, NOFOLLOW).to(TimeUnit.SECONDS));
  }

  /** A byte-for-byte copy of the regular files, made with Java, to compare with Files.mismatch. */
  private static Map<Path, byte[]> contents(List<Path> paths) throws IOException {
    Map<Path, byte[]> out = new TreeMap<>();
    for (Path p : paths) {
      if (!Files.exists(p, NOFOLLOW)) continue;
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.toList()) if (Files.isRegularFile(f, NOFOLLOW)) out.put(f, Files.readAllBytes(f));
      }
    }
    return out;
  }

  private void assertSameBytes(Map<Path, byte[]> before) throws IOException {
    Path golden = Files.createTempFile(tmp, "golden", "");
    for (var e : before.entrySet()) {
      Files.write(golden, e.getValue());
      assertThat(Files.mismatch(golden, e.getKey())).as("bytes of %s", e.getKey()).isEqualTo(-1L);
    }
  }

  @Test
  void restoresChangedAddedAndDeletedFilesByteForByteWithModesOwnersAndTimes() throws Exception {
    Path app = etc.resolve("app");
    write(app.resolve("a.conf"), "listen 80;\n", "rw-r-----");
    write(app.resolve("sub/b.conf"), "b\n", "rw-------");
    Files.write(app.resolve("blob.bin"), new byte[] {0, 1, 2, (byte) 0xff, '\n', '\r', 0});
    Files.setPosixFilePermissions(app.resolve("sub"), PosixFilePermissions.fromString("rwxr-x---"));
    Path single = write(etc.resolve("single.conf"), "secret=1\n", "rw-------");
    Files.setLastModifiedTime(single, FileTime.from(Instant.parse("2020-02-02T02:02:02.123456Z")));
    Path link = Files.createSymbolicLink(etc.resolve("current"), Path.of("app/a.conf"));
    Path added = etc.resolve("added.conf");       // does not exist yet: the patch creates it
    if (root()) Files.setAttribute(single, "unix:uid", 1234);
    List<Path> paths = List.of(app, single, link, added);
    Map<String, String> before = describe(tmp, paths);
    Map<Path, byte[]> bytes = contents(paths);
    SnapshotSpec s = spec(paths, 3);

    Run created = run(s.create(), "r-1");
    assertThat(created.exit()).as(created.output()).isZero();
    assertThat(snapshots.resolve("r-1/complete")).exists();
    assertThat(snapshots.resolve("r-1/absent")).hasContent(added + "\n");
    assertThat(snapshots.resolve("r-1/root" + single)).hasContent("secret=1\n");

    // The "patch": change, chmod, add, delete, retarget.
    Files.writeString(app.resolve("a.conf"), "listen 8080;\n");
    Files.setPosixFilePermissions(app.resolve("a.conf"), PosixFilePermissions.fromString("rwxrwxrwx"));
    write(app.resolve("extra.conf"), "new\n", "rw-r--r--");
    Files.delete(app.resolve("sub/b.conf"));
    Files.delete(single);
    write(added, "created by the patch\n", "rw-r--r--");
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("/nowhere"));
    if (root()) Files.setAttribute(app.resolve("blob.bin"), "unix:uid", 4321);
    assertThat(describe(tmp, paths)).isNotEqualTo(before);

    // A second create (a retry) must keep the snapshot taken before the first apply.
    Run again = run(s.create(), "r-1");
    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains("already complete");

    Run restored = run(s.restore(), "r-1");
    assertThat(restored.exit()).as(restored.output()).isZero();
    assertThat(describe(tmp, paths)).isEqualTo(before);
    assertSameBytes(bytes);
    assertThat(added).doesNotExist();
    assertThat(app.resolve("extra.conf")).doesNotExist();
    try (Stream<Path> left = Files.list(etc)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("suture-restore"));
    }

    // Restoring again is harmless (a re-run after a crash).
    assertThat(run(s.restore(), "r-1").exit()).isZero();
    assertThat(describe(tmp, paths)).isEqualTo(before);
  }

  @Test
  void restoreFailsWithoutACompleteSnapshotAndChangesNothing() throws Exception {
    Path conf = write(etc.resolve("x.conf"), "patched\n", "rw-r--r--");
    SnapshotSpec s = spec(List.of(conf), 3);

    Run r = run(s.restore(), "r-9");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.output()).contains("no complete snapshot r-9");
    assertThat(conf).hasContent("patched\n");

    // An interrupted create (no marker) is not a snapshot either.
    Files.createDirectories(snapshots.resolve("r-9/root"));
    assertThat(run(s.restore(), "r-9").exit()).isEqualTo(3);
    assertThat(conf).hasContent("patched\n");
  }

  @Test
  void restoreRefusesAPathTheSnapshotDoesNotCover() throws Exception {
    Path a = write(etc.resolve("a"), "a\n", "rw-r--r--");
    Path b = write(etc.resolve("b"), "b\n", "rw-r--r--");
    assertThat(run(spec(List.of(a), 3).create(), "r-1").exit()).isZero();
    Files.writeString(a, "changed\n");

    Run r = run(spec(List.of(a, b), 3).restore(), "r-1");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.output()).contains("is not in snapshot r-1");
    assertThat(a).hasContent("changed\n");
  }

  @Test
  void keepsOnlyTheNewestRetainCompleteSnapshotsAndNothingElse() throws Exception {
    Path conf = write(etc.resolve("x.conf"), "x\n", "rw-r--r--");
    SnapshotSpec s = spec(List.of(conf), 2);
    Instant base = Instant.now().minus(Duration.ofHours(1));
    Files.createDirectories(snapshots.resolve("r-0-in-progress"));          // no marker: maybe a running rollout
    write(snapshots.resolve("odd name/complete"), "x\n", "rw-r--r--");      // not a safe id: never touched
    Files.setLastModifiedTime(snapshots.resolve("odd name/complete"), FileTime.from(base.minus(Duration.ofDays(1))));
    write(snapshots.resolve("notes.txt"), "keep me\n", "rw-r--r--");

    for (int i = 1; i <= 4; i++) {
      Run r = run(s.create(), "r-" + i);
      assertThat(r.exit()).as(r.output()).isZero();
      Files.setLastModifiedTime(snapshots.resolve("r-" + i + "/complete"), FileTime.from(base.plus(Duration.ofMinutes(i))));
    }

    try (Stream<Path> left = Files.list(snapshots)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("r-3", "r-4", "r-0-in-progress", "odd name", "notes.txt");
    }
  }

  @Test
  void treatsHostilePathsAsLiteralNames() throws Exception {
    List<Path> paths = new ArrayList<>();
    for (String name : List.of("x/$(touch pwned)", "a;b", "`touch pwned2`", "sp ace", "-rf", "q'uo\"te", "star*", "$HOME"))
      paths.add(write(etc.resolve(name).resolve("f"), "orig " + name + "\n", "rw-r--r--").getParent());
    SnapshotSpec s = spec(paths, 3);

    assertThat(run(s.create(), "r-1").exit()).isZero();
    for (Path p : paths) Files.writeString(p.resolve("f"), "patched\n");
    Run r = run(s.restore(), "r-1");
    assertThat(r.exit()).as(r.output()).isZero();

    for (Path p : paths) assertThat(p.resolve("f")).hasContent("orig " + etc.relativize(p) + "\n");
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.equals("pwned") || n.equals("pwned2"));
    }
    assertThat(Path.of("pwned")).doesNotExist();
    assertThat(run(s.delete(), "r-1").exit()).isZero();
  }

  @Test
  void deleteRemovesTheSnapshotAndIsIdempotent() throws Exception {
    Path conf = write(etc.resolve("x.conf"), "x\n", "rw-r--r--");
    SnapshotSpec s = spec(List.of(conf), 3);
    assertThat(run(s.create(), "r-1").exit()).isZero();
    assertThat(run(s.create(), "r-2").exit()).isZero();

    assertThat(run(s.delete(), "r-1").exit()).isZero();
    assertThat(snapshots.resolve("r-1")).doesNotExist();
    assertThat(snapshots.resolve("r-2/complete")).exists();
    assertThat(run(s.delete(), "r-1").exit()).isZero();
    assertThat(run(s.restore(), "r-1").exit()).isEqualTo(3);
  }

  @Test
  void theScriptsRecheckWhatTheReaderChecks() throws Exception {
    Path conf = write(etc.resolve("x.conf"), "x\n", "rw-r--r--");
    List<List<String>> bad = List.of(
        FilesSnapshot.create(snapshots.toString(), 3, List.of("relative/path"), false),
        FilesSnapshot.create(snapshots.toString(), 3, List.of(etc + "/../etc/x.conf"), false),
        FilesSnapshot.create(snapshots.toString(), 3, List.of("/"), false),
        FilesSnapshot.create(snapshots.toString(), 3, List.of(conf.toString(), conf.toString()), false),
        FilesSnapshot.create(snapshots.toString(), 3, List.of(tmp.toString()), false),
        FilesSnapshot.create(snapshots.toString(), 0, List.of(conf.toString()), false),
        FilesSnapshot.create("snapshots", 3, List.of(conf.toString()), false),
        FilesSnapshot.create(snapshots.toString(), 3, List.of(), false));
    for (List<String> argv : bad) {
      Run r = run(argv, "r-1");
      assertThat(r.exit()).as("%s: %s", argv.subList(4, argv.size()), r.output()).isEqualTo(2);
    }
    for (String id : List.of("..", ".", "a/b", "x y", "")) {
      Run r = run(FilesSnapshot.delete(snapshots.toString(), false), id);
      assertThat(r.exit()).as("id '%s'", id).isEqualTo(2);
      assertThat(r.output()).contains("unsafe snapshot id");
    }
    assertThat(snapshots).doesNotExist();
    assertThat(conf).exists();
  }

  @Test
  void theScriptsContainNoPlaceholders() {
    for (String script : List.of(FilesSnapshot.CREATE, FilesSnapshot.RESTORE, FilesSnapshot.DELETE))
      assertThat(Template.variables(script)).isEmpty();
  }

  @Test
  void pathProblems() {
    assertThat(FilesSnapshot.pathProblem("/etc/nginx")).isEmpty();
    assertThat(FilesSnapshot.pathProblem("/etc/{{target.name}}.conf")).isEmpty();
    assertThat(FilesSnapshot.pathProblem("/etc/..hidden")).isEmpty();
    for (String bad : List.of("etc", "", "/", "/etc/", "/etc//x", "/etc/./x", "/etc/..", "/a/../b", "/a\nb", "/a\0b"))
      assertThat(FilesSnapshot.pathProblem(bad)).as(bad).isPresent();
    assertThat(FilesSnapshot.overlaps("/etc/nginx", "/etc/nginx/x")).isTrue();
    assertThat(FilesSnapshot.overlaps("/etc/nginx", "/etc/nginx2")).isFalse();
  }
}
