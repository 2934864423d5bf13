package dev.suture.prometheus;

import dev.suture.core.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the API's JSON envelope ({@code {status, data: {resultType, result}}}) into a {@link QueryResult}. */
final class ResponseParser {
  private ResponseParser() {}

  /** The parsed envelope, or an exception carrying Prometheus' own errorType and error. */
  static QueryResult parse(String body, String where) throws PrometheusException {
    Map<String, Object> root;
    try {
      root = Json.readObject(body);
    } catch (RuntimeException e) {
      throw new PrometheusException(where + " did not answer with Prometheus JSON: " + excerpt(body));
    }
    if (!"success".equals(root.get("status"))) throw new PrometheusException(where + " " + error(root));
    Map<String, Object> data = map(root.get("data"), where, "data");
    String type = String.valueOf(data.get("resultType"));
    Object result = data.get("result");
    switch (type) {
      case "vector":
        return new QueryResult(QueryResult.ResultType.VECTOR, series(list(result, where), "value", where));
      case "matrix":
        return new QueryResult(QueryResult.ResultType.MATRIX, series(list(result, where), "values", where));
      case "scalar":
        return new QueryResult(QueryResult.ResultType.SCALAR,
            List.of(new QueryResult.Series(Map.of(), List.of(point(result, where)))));
      default:
        throw new PrometheusException(where + " returned an unsupported result type '" + type + "'");
    }
  }

  /** "failed (bad_data): parse error at char 5: ..." from an error envelope. */
  static String error(Map<String, Object> root) {
    Object type = root.get("errorType");
    Object error = root.get("error");
    return "failed" + (type == null ? "" : " (" + type + ")") + ": " + (error == null ? "no error message" : error);
  }

  private static List<QueryResult.Series> series(List<Object> items, String key, String where) throws PrometheusException {
    List<QueryResult.Series> out = new ArrayList<>();
    for (Object item : items) {
      Map<String, Object> m = map(item, where, "result item");
      Map<String, String> labels = new LinkedHashMap<>();
      Object metric = m.get("metric");
      if (metric instanceof Map<?, ?> mm) mm.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
      List<QueryResult.Point> points = new ArrayList<>();
      if (key.equals("value")) points.add(point(m.get("value"), where));
      else for (Object p : list(m.get("values"), where)) points.add(point(p, where));
      out.add(new QueryResult.Series(labels, points));
    }
    return out;
  }

  /** [unixSeconds, "value"]; the value is a string so that NaN and +Inf survive JSON. */
  private static QueryResult.Point point(Object o, String where) throws PrometheusException {
    if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Number t) || !(pair.get(1) instanceof String v))
      throw new PrometheusException(where + " returned a malformed sample: " + o);
    BigDecimal seconds = new BigDecimal(t.toString());
    Instant time = Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    try {
      return new QueryResult.Point(time, value(v));
    } catch (NumberFormatException e) {
      throw new PrometheusException(where + " returned a sample value that is not a number: '" + v + "'");
    }
  }

  static double value(String v) {
    switch (v) {
      case "NaN": return Double.NaN;
      case "+Inf": case "Inf": return Double.POSITIVE_INFINITY;
      case "-Inf": return Double.NEGATIVE_INFINITY;
      default: return Double.parseDouble(v);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String where, String what) throws PrometheusException {
    if (!(o instanceof Map)) throw new PrometheusException(where + " returned JSON without " + what);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o, String where) throws PrometheusException {
    if (!(o instanceof List)) throw new PrometheusException(where + " returned a result that is not a list");
    return (List<Object>) o;
  }

  static String excerpt(String body) {
    String b = body == null ? "" : body.strip();
    return b.length() > 200 ? b.substring(0, 200) + "..." : b;
  }
}
