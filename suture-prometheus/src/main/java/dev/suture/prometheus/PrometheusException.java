package dev.suture.prometheus;

/** Prometheus could not answer the query: unreachable, timed out, HTTP error or a PromQL error. */
public final class PrometheusException extends Exception {
  public PrometheusException(String message) { super(message); }

  public PrometheusException(String message, Throwable cause) { super(message, cause); }
}
