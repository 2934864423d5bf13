package dev.suture.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A non-2xx answer. Lines are the problem+json `detail` followed by one
 * `SOURCE:LINE: FIELD: MESSAGE` line per `errors[]` entry.
 */
public final class ApiException extends CliException {

    private final int status;
    private final JsonNode problem;

    private ApiException(int status, JsonNode problem, List<String> lines) {
        super(ExitCodes.ERROR, lines);
        this.status = status;
        this.problem = problem;
    }

    public int status() {
        return status;
    }

    public JsonNode problem() {
        return problem;
    }

    static ApiException from(ApiClient.Response response) {
        JsonNode problem;
        try {
            problem = response.json();
        } catch (CliException notJson) {
            problem = null;
        }
        return new ApiException(response.status(), problem, lines(response, problem, null));
    }

    /**
     * The same lines, naming errors of the sent source (or of no source) after the path the user typed,
     * so that "plans/web.yaml:14: ..." is clickable in an editor.
     */
    public List<String> lines(String sentSource, String displaySource) {
        List<String> lines = new ArrayList<>();
        lines.add(lines().get(0));
        if (problem != null && problem.get("errors") != null && problem.get("errors").isArray()) {
            for (JsonNode error : problem.get("errors")) {
                String source = error.isObject() ? Json.text(error, "source") : null;
                boolean ours = source == null || source.equals(sentSource);
                lines.add(errorLine(error, ours ? displaySource : source, ours));
            }
        }
        return lines;
    }

    private static List<String> lines(ApiClient.Response response, JsonNode problem, String defaultSource) {
        List<String> lines = new ArrayList<>();
        boolean isObject = problem != null && problem.isObject();
        String detail = isObject ? Json.text(problem, "detail", "title", "message", "error") : null;
        if (detail == null) {
            detail = "server answered HTTP " + response.status() + brief(response.body());
        }
        if (response.status() == 401 && !detail.contains("SUTURE_TOKEN")) {
            detail += " (suture login, or set SUTURE_TOKEN, or SUTURE_USER and SUTURE_PASSWORD)";
        } else if (response.status() == 403) {
            detail = "forbidden: " + detail; // a role problem: other credentials would not help the same user
        }
        lines.add(detail);
        JsonNode errors = isObject ? problem.get("errors") : null;
        if (errors != null && errors.isArray()) {
            for (JsonNode error : errors) {
                String line = errorLine(error, defaultSource, false);
                if (!line.equals(detail)) { // a lone error often repeats the detail word for word
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    static String errorLine(JsonNode error, String defaultSource, boolean overrideSource) {
        if (!error.isObject()) {
            return error.asText();
        }
        String source = overrideSource ? null : Json.text(error, "source");
        if (source == null) {
            source = defaultSource;
        }
        String line = Json.text(error, "line");
        String field = Json.text(error, "field");
        String message = Json.text(error, "message");
        StringBuilder out = new StringBuilder();
        if (source != null) {
            out.append(source).append(line != null ? ":" + line : "").append(": ");
        }
        if (field != null && (message == null || !message.startsWith(field + ":"))) {
            out.append(field).append(": ");
        }
        out.append(message != null ? message : Json.compact(error));
        return out.toString();
    }

    private static String brief(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }
}
