package dev.suture.http;

import dev.suture.core.plan.CheckSpec;
import dev.suture.core.port.CheckResult;
import dev.suture.core.port.CheckRunner;
import dev.suture.core.template.Template;
import dev.suture.core.template.TemplateContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Check type {@code http}: GET the rendered URL; PASS when the status matches and, if a body
 * regex is given, the first 64 KiB of the body contain a match. Anything that prevents an
 * answer (refused, timed out, bad URL) is ERROR: never taken as healthy.
 */
public final class HttpCheckRunner implements CheckRunner {
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(HttpCheckRunner.class);

  private final CheckClients clients = new CheckClients();

  @Override public String type() { return "http"; }

  @Override
  public CheckResult run(CheckSpec check, TemplateContext context, ExecutorHandle unused) throws InterruptedException {
    if (!(check.probe() instanceof CheckSpec.Http http)) {
      throw new IllegalArgumentException("check " + check.name() + " is of type " + check.type() + ", not http");
    }
    String name = check.name();
    Duration timeout = http.timeout();
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      return CheckResult.error(name, "probe timeout must be positive, got " + timeout);
    }
    String url;
    HttpRequest request;
    try {
      url = Template.render(http.url(), context);
    } catch (Template.UnknownVariableException e) {
      return CheckResult.error(name, e.getMessage());
    }
    try {
      request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(timeout)
          .header("User-Agent", "suture-check").build();
    } catch (IllegalArgumentException e) {
      return CheckResult.error(name, "bad URL " + url + ": " + e.getMessage());
    }
    HttpResponse<String> response;
    try {
      response = Exchanges.send(clients.forTimeout(timeout), request, CappedBody.handler(MAX_BODY_BYTES), timeout);
    } catch (IOException e) {
      log.debug("check {} GET {} failed", name, url, e);
      return CheckResult.error(name, Exchanges.describe(e, timeout) + ": GET " + url);
    }
    return judge(name, http, response);
  }

  private static CheckResult judge(String name, CheckSpec.Http http, HttpResponse<String> response) {
    int status = response.statusCode();
    if (status != http.expectStatus()) return CheckResult.fail(name, "status " + status + ", expected " + http.expectStatus());
    if (http.bodyRegex().isPresent()) {
      String regex = http.bodyRegex().get();
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        return CheckResult.error(name, "bad bodyRegex /" + regex + "/: " + e.getDescription());
      }
      if (!pattern.matcher(response.body()).find()) return CheckResult.fail(name, "body did not match /" + regex + "/");
    }
    return CheckResult.pass(name, "status " + status);
  }
}
