package dev.suture.cli;

import dev.suture.core.version.InvalidVersionException;
import dev.suture.core.version.VersionScheme;
import dev.suture.core.version.VersionSchemes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `suture versions compare`: the ordering Suture's matcher uses, for a user who doubts an advisory. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "Version ordering as Suture's matcher sees it.",
        subcommands = {VersionsCommand.Compare.class})
public final class VersionsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Read lines 'A B' on stdin and print '<', '=' or '>' for each (A compared with B).",
                    "Blank lines and lines starting with # are copied through unchanged, so the output lines up with the input.",
                    "A line that is not two versions of the scheme prints '!' and an error naming the line on stderr."},
            footerHeading = "%nExit codes:%n",
            footer = {"  0  every line compared", "  1  some line was not two valid versions (see stderr)",
                    "  64 bad command line (unknown ecosystem)"})
    static final class Compare implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--ecosystem", required = true, paramLabel = "NAME",
                description = "dpkg (debian, ubuntu), rpm (red hat, rocky, alma, suse), apk (alpine), semver (npm), maven,"
                        + " pep440 (pypi); an OSV ecosystem such as Debian:12 also works.")
        String ecosystem;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            VersionScheme scheme = VersionSchemes.find(ecosystem).orElse(null);
            if (scheme == null) {
                err.println("error: --ecosystem: unknown ecosystem '" + ecosystem + "' (known: "
                        + String.join(", ", VersionSchemes.allNames()) + ")");
                return ExitCodes.USAGE;
            }
            Main main = (Main) spec.root().userObject();
            int bad = 0;
            int lineNo = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(main.stdin(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#")) {
                        out.println(line);
                        continue;
                    }
                    String[] f = t.split("\\s+");
                    if (f.length != 2) {
                        err.println("line " + lineNo + ": expected two versions 'A B', found " + f.length + " fields: " + t);
                        out.println("!");
                        bad++;
                        continue;
                    }
                    try {
                        int c = scheme.compare(f[0], f[1]);
                        out.println(c < 0 ? "<" : c == 0 ? "=" : ">");
                    } catch (InvalidVersionException e) {
                        err.println("line " + lineNo + ": " + e.getMessage());
                        out.println("!");
                        bad++;
                    }
                }
            }
            out.flush();
            err.flush();
            return bad == 0 ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }
}
