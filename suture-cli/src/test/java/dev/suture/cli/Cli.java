package dev.suture.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process and captures what it printed. */
final class Cli {

    record Result(int exit, String out, String err) {}

    static Result run(Map<String, String> env, String... args) {
        return runWithInput("", env, args);
    }

    static Result runWithInput(String stdin, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), new HashMap<>(env),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs {@code args} against the server at {@code url} (appends {@code --server url}). */
    static Result runAgainst(String url, String... args) {
        String[] withServer = new String[args.length + 2];
        System.arraycopy(args, 0, withServer, 0, args.length);
        withServer[args.length] = "--server";
        withServer[args.length + 1] = url;
        return run(withServer);
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }
}
