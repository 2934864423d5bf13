package dev.suture.cli.importer;

import dev.suture.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

final class ImportTestSupport {

    record Result(int exit, String out, String err) {}

    private ImportTestSupport() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), new HashMap<>(),
                new ByteArrayInputStream(new byte[0]));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Parses generated YAML back (the way a strict reader would) into one map per document. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(yaml)) {
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> doc, String key) {
        return (Map<String, Object>) doc.get(key);
    }
}
