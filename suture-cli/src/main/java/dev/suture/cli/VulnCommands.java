package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** `suture feeds`, `suture inventory`, `suture findings`: vulnerability management from the command line. */
final class VulnCommands {
    private VulnCommands() {
    }

    /** A command that only groups subcommands: run alone, it prints its usage. */
    abstract static class UsageOnly implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Long server-side work (a big feed, a fleet's inventory): a generous timeout instead of the usual 30 s. */
    static ApiClient longApi(ClientCommand c) {
        return new ApiClient(c.serverUrl(), c.env(), Duration.ofHours(2));
    }

    @Command(name = "feeds", mixinStandardHelpOptions = true, description = "Import and inspect vulnerability feeds.",
            subcommands = {FeedsImport.class, FeedsStatus.class})
    static final class Feeds extends UsageOnly {
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a feed: osv (a zip, a directory of *.json or one .json file), kev (the CISA JSON catalog),",
                    "epss (FIRST CSV or CSV.gz). PATH may be an http(s) URL, which the server fetches.",
                    "One transaction: nothing is visible until the whole feed is in; malformed records are skipped and listed."})
    static final class FeedsImport extends ClientCommand {
        @Parameters(index = "0", paramLabel = "KIND", description = "osv, kev or epss")
        String kind;

        @Parameters(index = "1", paramLabel = "PATH|URL")
        String source;

        @Option(names = "--score-date", paramLabel = "YYYY-MM-DD", description = "EPSS score date when the file carries none")
        String scoreDate;

        @Override
        public Integer call() throws Exception {
            String k = kind.toLowerCase(Locale.ROOT);
            if (!List.of("osv", "kev", "epss").contains(k)) {
                throw new ParameterException(spec.commandLine(), "KIND: must be osv, kev or epss, was '" + kind + "'");
            }
            String path = ApiClient.API + "/feeds/" + k + "/import?" + (scoreDate == null ? "" : "scoreDate=" + q(scoreDate) + "&");
            ApiClient.Response r;
            if (source.startsWith("http://") || source.startsWith("https://")) {
                err().println("the server fetches " + source + " ...");
                err().flush();
                r = longApi(this).postBody(path + "url=" + q(source), HttpRequest.BodyPublishers.noBody(), "application/octet-stream");
            } else {
                Path p = Path.of(source);
                if (!Files.exists(p)) {
                    throw new ParameterException(spec.commandLine(), "PATH: no such file or directory: " + source);
                }
                r = longApi(this).postBody(path + "source=" + q(p.getFileName().toString()), body(k, p), "application/octet-stream");
            }
            JsonNode imported = r.json().path("imported");
            JsonNode findings = r.json().path("findings");
            out().printf("%s import #%d from %s: %d records, %d new, %d updated, %d unchanged, %d problems%n",
                    k, imported.path("id").asLong(), imported.path("source").asText(), imported.path("records").asLong(),
                    imported.path("inserted").asLong(), imported.path("updated").asLong(), imported.path("unchanged").asLong(),
                    imported.path("problemCount").asLong());
            for (JsonNode p : imported.path("problems")) {
                out().println("  skipped " + p.path("file").asText()
                        + (p.path("recordId").isTextual() ? " (" + p.path("recordId").asText() + ")" : "") + ": " + p.path("message").asText());
            }
            if (findings.isObject()) {
                out().printf("findings: %d opened, %d reopened, %d remediated, %d false positive%n", findings.path("opened").asLong(),
                        findings.path("reopened").asLong(), findings.path("remediated").asLong(), findings.path("falsePositive").asLong());
            }
            out().flush();
            return 0;
        }

        /** A file as it is, with upload progress on stderr; an OSV directory or .json file zipped on the fly. */
        private HttpRequest.BodyPublisher body(String k, Path p) throws IOException {
            if (k.equals("osv") && (Files.isDirectory(p) || p.toString().endsWith(".json"))) {
                return HttpRequest.BodyPublishers.ofInputStream(() -> zipped(p));
            }
            long size = Files.size(p);
            Progress progress = new Progress(size);
            return HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return progress.wrap(Files.newInputStream(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private InputStream zipped(Path p) {
            try {
                PipedInputStream in = new PipedInputStream(1 << 16);
                PipedOutputStream pipe = new PipedOutputStream(in);
                List<Path> files = new ArrayList<>();
                if (Files.isDirectory(p)) {
                    try (Stream<Path> walk = Files.walk(p)) {
                        walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json")).sorted().forEach(files::add);
                    }
                } else {
                    files.add(p);
                }
                Thread t = new Thread(() -> {
                    try (ZipOutputStream z = new ZipOutputStream(pipe)) {
                        int n = 0;
                        for (Path f : files) {
                            z.putNextEntry(new ZipEntry(Files.isDirectory(p) ? p.relativize(f).toString() : f.getFileName().toString()));
                            Files.copy(f, z);
                            z.closeEntry();
                            if (++n % 1000 == 0) {
                                err().printf("\rsent %d of %d files", n, files.size());
                                err().flush();
                            }
                        }
                    } catch (IOException e) {
                        // The upload ends short; the server reports a truncated zip and imports nothing.
                    }
                    err().printf("\rsent %d files%n", files.size());
                    err().flush();
                }, "suture-zip");
                t.setDaemon(true);
                t.start();
                return in;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Prints how much of the file has gone up, at most every half second. */
        private final class Progress {
            final long total;
            long sent;
            long last;

            Progress(long total) {
                this.total = total;
            }

            InputStream wrap(InputStream in) {
                return new java.io.FilterInputStream(in) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            tick(n);
                        } else if (n < 0 && total > 0) {
                            err().printf("\rsent %d MB of %d MB%n", total >> 20, total >> 20);
                            err().flush();
                        }
                        return n;
                    }
                };
            }

            void tick(int n) {
                sent += n;
                long now = System.nanoTime();
                if (now - last > 500_000_000L) {
                    last = now;
                    err().printf("\rsent %d MB of %d MB (%d%%)", sent >> 20, total >> 20, total == 0 ? 100 : sent * 100 / total);
                    err().flush();
                }
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "What the feed store holds and the latest imports.")
    static final class FeedsStatus extends ClientCommand {
        @Override
        public Integer call() {
            JsonNode s = api().get(ApiClient.API + "/feeds").json();
            out().printf("advisories %d (withdrawn %d), KEV %d, EPSS %d%n", s.path("advisories").asLong(), s.path("withdrawn").asLong(),
                    s.path("kev").asLong(), s.path("epss").asLong());
            Table t = new Table("ID", "KIND", "SOURCE", "STATE", "RECORDS", "NEW", "UPDATED", "PROBLEMS", "FINISHED");
            for (JsonNode i : s.path("recentImports")) {
                t.row(i.path("id").asLong(), i.path("kind").asText(), i.path("source").asText(), i.path("state").asText(),
                        i.path("records").asLong(), i.path("inserted").asLong(), i.path("updated").asLong(),
                        i.path("problemCount").asLong(), i.path("finishedAt").asText());
            }
            out().print(t.render());
            out().flush();
            return 0;
        }
    }

    @Command(name = "inventory", mixinStandardHelpOptions = true, description = "Collect and inspect what is installed where.",
            subcommands = {InventoryCollect.class, InventoryList.class, InventoryShow.class, InventorySbom.class})
    static final class Inventory extends UsageOnly {
    }

    @Command(name = "collect", mixinStandardHelpOptions = true,
            description = {"Collect the installed packages of the selected assets (agentless: os-release, then dpkg-query,",
                    "rpm or apk over the executor) and re-match their findings. One line per asset as it finishes."})
    static final class InventoryCollect extends ClientCommand {
        @Option(names = "--selector", paramLabel = "S", description = "assets to collect, e.g. env=production,role=web (default: all)")
        String selector;

        @Option(names = "--executor", paramLabel = "TYPE", description = "executor type (default: the server's suture.inventory.executor, ssh)")
        String executor;

        @Option(names = "--option", paramLabel = "KEY=VALUE", description = "executor option, e.g. user=patch (repeatable)")
        Map<String, String> options;

        @Override
        public Integer call() {
            ObjectNode body = Json.MAPPER.createObjectNode();
            if (selector != null) {
                body.put("selector", selector);
            }
            if (executor != null) {
                body.put("executor", executor);
            }
            if (options != null) {
                ObjectNode o = body.putObject("options");
                options.forEach(o::put);
            }
            int[] failed = {0};
            longApi(this).postJsonLines(ApiClient.API + "/inventory/collect", body, raw -> {
                if (raw.isBlank()) {
                    return;
                }
                JsonNode l = Json.parse(raw);
                if (l.has("summary")) {
                    JsonNode s = l.path("summary");
                    out().printf("%d assets: %d collected, %d failed; %d packages; findings %d opened, %d reopened, %d remediated (%d ms)%n",
                            s.path("assets").asInt(), s.path("collected").asInt(), s.path("failed").asInt(), s.path("packages").asLong(),
                            s.path("opened").asLong(), s.path("reopened").asLong(), s.path("remediated").asLong(), s.path("durationMs").asLong());
                    failed[0] = s.path("failed").asInt();
                } else if (l.path("ok").asBoolean()) {
                    out().printf("[%d/%d] %s: %s, %d packages%s%n", l.path("done").asInt(), l.path("total").asInt(), l.path("asset").asText(),
                            l.path("ecosystem").asText(), l.path("packages").asInt(),
                            l.path("problems").asInt() > 0 ? ", " + l.path("problems").asInt() + " unreadable lines" : "");
                } else {
                    out().printf("[%d/%d] FAILED %s%n", l.path("done").asInt(), l.path("total").asInt(), l.path("error").asText());
                }
                out().flush();
            });
            return failed[0] > 0 ? 1 : 0;
        }
    }

    @Command(name = "findings", mixinStandardHelpOptions = true,
            description = {"List findings with their risk and due date; show one; decide on one.",
                    "A finding is named by ASSET ADVISORY PACKAGE (the package as the advisory names it)."},
            subcommands = {FindingShow.class, FindingPlan.class, FindingAccept.class, FindingDismiss.class, FindingReopen.class})
    static final class Findings extends ClientCommand {
        @Option(names = "--asset", paramLabel = "NAME")
        String asset;

        @Option(names = "--state", paramLabel = "S", description = "open, patch-planned, remediated, accepted-risk, false-positive (comma-separated)")
        String state;

        @Option(names = "--advisory", paramLabel = "ID")
        String advisory;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (default) or json")
        String output = "table";

        @Override
        public Integer call() {
            StringBuilder p = new StringBuilder(ApiClient.API + "/findings?limit=100000");
            if (asset != null) {
                p.append("&asset=").append(q(asset));
            }
            if (state != null) {
                p.append("&state=").append(q(state));
            }
            if (advisory != null) {
                p.append("&advisory=").append(q(advisory));
            }
            ApiClient.Response r = api().get(p.toString());
            if (output.equals("json")) {
                printRaw(r.body());
                return 0;
            }
            Table t = new Table("ASSET", "ADVISORY", "PACKAGE", "INSTALLED", "FIXED", "STATE", "RISK", "PRIORITY", "DUE", "KEV");
            for (JsonNode f : r.json()) {
                t.row(f.path("asset").asText(), f.path("advisory").asText(), f.path("packageName").asText(),
                        f.path("installedVersion").asText(), f.path("fixedVersion").asText("-"), f.path("state").asText(),
                        f.path("riskScore").isNumber() ? String.format(Locale.ROOT, "%.1f", f.path("riskScore").asDouble()) : "-",
                        f.path("priority").asText("-"), f.path("due").asText("-"), f.path("kev").asBoolean() ? "yes" : "");
            }
            out().print(t.render());
            out().flush();
            return 0;
        }
    }

    /** The three positional parameters that name a finding, and its API path. */
    abstract static class FindingCommand extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ASSET")
        String asset;

        @Parameters(index = "1", paramLabel = "ADVISORY")
        String advisory;

        @Parameters(index = "2", paramLabel = "PACKAGE")
        String pkg;

        String path() {
            return ApiClient.API + "/findings/" + ApiClient.segment(asset) + "/" + ApiClient.segment(advisory) + "/"
                    + ApiClient.segment(pkg);
        }

        /** Posts a decision and prints the finding's new state. */
        Integer decide(String state, String note, String expiresAt) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("state", state);
            if (note != null) {
                body.put("note", note);
            }
            if (expiresAt != null) {
                body.put("expiresAt", expiresAt);
            }
            JsonNode f = api().postJson(path() + "/decisions", body).json();
            out().printf("%s/%s/%s: %s%s%n", asset, advisory, pkg, f.path("state").asText(),
                    f.path("exceptionExpiresAt").isTextual() ? " until " + f.path("exceptionExpiresAt").asText() : "");
            out().flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One finding: versions, state, risk breakdown, history.")
    static final class FindingShow extends FindingCommand {
        @Override
        public Integer call() {
            JsonNode d = api().get(path()).json();
            JsonNode f = d.path("finding");
            out().printf("%s %s on %s (%s)%n", f.path("advisory").asText(), f.path("packageName").asText(), f.path("asset").asText(),
                    f.path("ecosystem").asText());
            if (!f.path("summary").asText().isEmpty()) {
                out().println("  " + f.path("summary").asText());
            }
            out().printf("installed %s, fixed in %s; state %s; first seen %s%n", f.path("installedVersion").asText(),
                    f.path("fixedVersion").asText("(no fix published)"), f.path("state").asText(), f.path("firstSeen").asText());
            if (f.path("exceptionApprover").isTextual()) {
                out().printf("accepted risk by %s until %s: %s%n", f.path("exceptionApprover").asText(),
                        f.path("exceptionExpiresAt").asText(), f.path("exceptionReason").asText());
            }
            if (f.path("riskScore").isNumber()) {
                out().printf(Locale.ROOT, "risk %.1f, priority %s, due %s%n", f.path("riskScore").asDouble(), f.path("priority").asText(),
                        f.path("due").asText());
            }
            for (JsonNode x : d.path("risk")) {
                out().printf("  %-12s %-28s %-10s %s%n", x.path("input").asText(), x.path("value").asText(), x.path("effect").asText(),
                        x.path("why").asText());
            }
            out().println("history:");
            for (JsonNode h : d.path("history")) {
                out().printf("  %s  %s -> %s  by %s  %s%n", h.path("at").asText(), h.path("from").asText("(new)"), h.path("to").asText(),
                        h.path("actor").asText(), h.path("note").asText());
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "Mark a finding patch-planned (requester or operator).")
    static final class FindingPlan extends FindingCommand {
        @Option(names = "--note", paramLabel = "TEXT")
        String note;

        @Override
        public Integer call() {
            return decide("patch-planned", note, null);
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Accept the risk of a finding (approvers only): why, and until when (a date, a time or a duration like 30d).")
    static final class FindingAccept extends FindingCommand {
        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Option(names = "--expires", required = true, paramLabel = "WHEN", description = "2027-03-01, 2027-03-01T12:00:00Z or 30d")
        String expires;

        @Override
        public Integer call() {
            return decide("accepted-risk", reason, expiry(expires));
        }

        private String expiry(String text) {
            try {
                return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString();
            } catch (java.time.format.DateTimeParseException notADate) {
                // a time or a duration
            }
            try {
                return java.time.Instant.parse(text).toString();
            } catch (java.time.format.DateTimeParseException notATime) {
                // a duration
            }
            try {
                return java.time.Instant.now().plus(dev.suture.core.doc.Durations.parse(text)).toString();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(),
                        "--expires: '" + text + "' is not a date (2027-03-01), a time (2027-03-01T12:00:00Z) or a duration (30d)");
            }
        }
    }

    @Command(name = "dismiss", mixinStandardHelpOptions = true,
            description = "Declare a finding a false positive (operator or approver), saying why the advisory does not apply.")
    static final class FindingDismiss extends FindingCommand {
        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Override
        public Integer call() {
            return decide("false-positive", reason, null);
        }
    }

    @Command(name = "reopen", mixinStandardHelpOptions = true, description = "Open a planned, accepted or dismissed finding again.")
    static final class FindingReopen extends FindingCommand {
        @Option(names = "--note", paramLabel = "TEXT")
        String note;

        @Override
        public Integer call() {
            return decide("open", note, null);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every asset's latest inventory: when, how, release, packages.")
    static final class InventoryList extends ClientCommand {
        @Override
        public Integer call() {
            Table t = new Table("ASSET", "COLLECTED", "SOURCE", "OS", "ECOSYSTEMS", "PACKAGES", "PROBLEMS");
            for (JsonNode i : api().get(ApiClient.API + "/inventory").json()) {
                List<String> eco = new ArrayList<>();
                i.path("ecosystems").forEach(e -> eco.add(e.asText()));
                t.row(i.path("asset").asText(), i.path("collectedAt").asText(), i.path("source").asText(), i.path("osName").asText(),
                        String.join(",", eco), i.path("packages").asInt(), i.path("problems").asInt());
            }
            out().print(t.render());
            out().flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One asset's packages (and the lines that could not be read).")
    static final class InventoryShow extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ASSET")
        String asset;

        @Override
        public Integer call() {
            JsonNode s = api().get(ApiClient.API + "/inventory/" + ApiClient.segment(asset)).json();
            Table t = new Table("ECOSYSTEM", "PACKAGE", "VERSION", "SOURCE", "SOURCE VERSION", "ARCH");
            for (JsonNode p : s.path("packages")) {
                t.row(p.path("ecosystem").asText(), p.path("name").asText(), p.path("version").asText(), p.path("sourceName").asText(),
                        p.path("sourceVersion").asText(), p.path("arch").asText());
            }
            out().print(t.render());
            for (JsonNode p : s.path("problems")) {
                out().println("unreadable: " + p.asText());
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "sbom", mixinStandardHelpOptions = true,
            description = "Record a container image asset's inventory from a CycloneDX SBOM (JSON or XML) and re-match its findings.")
    static final class InventorySbom extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ASSET")
        String asset;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "FILE: no such file: " + file);
            }
            JsonNode r = longApi(this).postBody(ApiClient.API + "/inventory/" + ApiClient.segment(asset) + "/sbom",
                    HttpRequest.BodyPublishers.ofFile(file), "application/octet-stream").json();
            JsonNode i = r.path("inventory");
            JsonNode f = r.path("findings");
            out().printf("%s: %d packages (%s)%s%n", asset, i.path("packages").asInt(), i.path("ecosystems").toString(),
                    r.path("stored").asBoolean() ? "" : "; a newer inventory was already stored, nothing changed");
            if (f.isObject()) {
                out().printf("findings: %d opened, %d reopened, %d remediated%n", f.path("opened").asLong(), f.path("reopened").asLong(),
                        f.path("remediated").asLong());
            }
            out().flush();
            return 0;
        }
    }
}
