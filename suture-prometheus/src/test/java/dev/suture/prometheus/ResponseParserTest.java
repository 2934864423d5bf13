package dev.suture.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API's JSON envelopes, including the value strings JSON numbers cannot carry. */
class ResponseParserTest {
  private static final String WHERE = "Prometheus at http://p/api/v1/query";

  @Test
  void readsSpecialValuesAndFractionalTimestamps() throws Exception {
    QueryResult r = ResponseParser.parse("""
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"job":"a"},"value":[1700000000.125,"NaN"]},
          {"metric":{"job":"b"},"value":[1700000000,"+Inf"]},
          {"metric":{"job":"c"},"value":[1700000000,"-Inf"]},
          {"metric":{"job":"d"},"value":[1700000000,"1e-3"]}]}}""", WHERE);
    assertThat(r.values()).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.001);
    assertThat(r.series().get(0).points().get(0).time()).isEqualTo(Instant.ofEpochSecond(1700000000, 125_000_000));
    assertThat(r.series().get(1).labels()).containsEntry("job", "b");
  }

  @Test
  void flattensAMatrixSeriesBySeries() throws Exception {
    QueryResult r = ResponseParser.parse("""
        {"status":"success","data":{"resultType":"matrix","result":[
          {"metric":{"i":"1"},"values":[[1,"1"],[2,"2"]]},
          {"metric":{"i":"2"},"values":[[1,"3"]]}]}}""", WHERE);
    assertThat(r.type()).isEqualTo(QueryResult.ResultType.MATRIX);
    assertThat(r.values()).containsExactly(1.0, 2.0, 3.0);
  }

  @Test
  void anErrorEnvelopeCarriesTypeAndMessage() {
    assertThatThrownBy(() -> ResponseParser.parse(
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected end of input\"}", WHERE))
        .isInstanceOf(PrometheusException.class)
        .hasMessage(WHERE + " failed (bad_data): 1:5: parse error: unexpected end of input");
  }

  @Test
  void rejectsWhatIsNotPrometheusJson() {
    assertThatThrownBy(() -> ResponseParser.parse("<html>gateway</html>", WHERE))
        .isInstanceOf(PrometheusException.class).hasMessageContaining("did not answer with Prometheus JSON: <html>gateway</html>");
    assertThatThrownBy(() -> ResponseParser.parse(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"high\"]}]}}", WHERE))
        .isInstanceOf(PrometheusException.class).hasMessageContaining("not a number: 'high'");
    assertThatThrownBy(() -> ResponseParser.parse("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"x\"]}}", WHERE))
        .isInstanceOf(PrometheusException.class).hasMessageContaining("unsupported result type 'string'");
  }
}
