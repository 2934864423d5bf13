package dev.suture.server.api;

import static dev.suture.core.auth.Role.ADMIN;
import static dev.suture.core.auth.Role.APPROVER;
import static dev.suture.core.auth.Role.AUDITOR;
import static dev.suture.core.auth.Role.OPERATOR;
import static dev.suture.core.auth.Role.REQUESTER;
import static dev.suture.core.auth.Role.VIEWER;

import tools.jackson.databind.json.JsonMapper;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.port.NotFoundException;
import dev.suture.sbom.CycloneDxInventory;
import dev.suture.server.security.Allow;
import dev.suture.core.vuln.InventoryRuns;
import dev.suture.core.vuln.VulnerabilityService;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What is installed where: agentless collection over the executors, and CycloneDX SBOM uploads. */
@RestController
@RequestMapping("/api/v1/inventory")
class InventoryController {
  private final VulnerabilityService service;
  private final InventoryRuns runs;
  private final JsonMapper json;
  private final Clock clock;

  InventoryController(VulnerabilityService service, InventoryRuns runs, JsonMapper json, Clock clock) {
    this.service = service;
    this.runs = runs;
    this.json = json;
    this.clock = clock;
  }

  /** What to collect: the assets a selector picks (all when empty), over which executor, with its options. */
  public record CollectRequest(String selector, String executor, Map<String, String> options) {}

  public record InventoryView(String asset, Instant collectedAt, String source, String osName, List<String> ecosystems,
                              int packages, int problems) {
    static InventoryView of(InventorySnapshot s) {
      return new InventoryView(s.asset(), s.collectedAt(), s.source(), s.osName(),
          s.packageSets().stream().map(p -> p.ecosystem()).toList(), s.packageCount(), s.problems().size());
    }
  }

  public record PackageView(String ecosystem, String name, String version, String sourceName, String sourceVersion, String arch) {}

  public record SnapshotView(InventoryView summary, List<PackageView> packages, List<String> problems) {}

  public record SbomResponse(InventoryView inventory, boolean stored, VulnerabilityService.Outcome findings) {}

  @Operation(summary = "Collect the installed packages of the selected assets over an executor (default ssh) and "
      + "re-match their findings. The answer is NDJSON: one line per asset as it finishes, then a summary line.")
  @Allow({OPERATOR, ADMIN})
  @PostMapping(value = "/collect", produces = "application/x-ndjson")
  void collect(@RequestBody(required = false) CollectRequest request, HttpServletResponse response) throws IOException, InterruptedException {
    CollectRequest r = request == null ? new CollectRequest(null, null, null) : request;
    InventoryRuns.Plan plan = runs.plan(r.selector(), r.executor(), r.options());
    response.setContentType("application/x-ndjson");
    response.setCharacterEncoding("UTF-8");
    OutputStream out = response.getOutputStream();
    InventoryRuns.Summary summary = runs.run(plan, Actors.current(), line -> {
      try {
        out.write(json.writeValueAsBytes(line));
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        // The client went away; the collection goes on and is stored, only the progress is lost.
      }
    });
    out.write(json.writeValueAsBytes(Map.of("summary", summary)));
    out.write('\n');
    out.flush();
  }

  @Operation(summary = "Store an asset's inventory from a CycloneDX SBOM (JSON or XML) in the body and re-match its findings.")
  @Allow({OPERATOR, ADMIN})
  @PostMapping("/{asset}/sbom")
  SbomResponse sbom(@PathVariable String asset, HttpServletRequest request) throws IOException {
    if (!service.assets().containsKey(asset)) throw new NotFoundException("asset", asset);
    InventorySnapshot s = CycloneDxInventory.read(request.getInputStream(), asset, clock);
    Optional<VulnerabilityService.Outcome> outcome = service.record(s, Actors.current());
    return new SbomResponse(InventoryView.of(s), outcome.isPresent(), outcome.orElse(null));
  }

  @Operation(summary = "Every asset's latest inventory: when, how, which release, how many packages.")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping
  List<InventoryView> list() {
    List<InventoryView> out = new ArrayList<>();
    service.inventories().forEach(s -> out.add(InventoryView.of(s)));
    return out;
  }

  @Operation(summary = "One asset's latest inventory with its packages and the lines that could not be read.")
  @Allow({VIEWER, REQUESTER, APPROVER, OPERATOR, AUDITOR, ADMIN})
  @GetMapping("/{asset}")
  SnapshotView get(@PathVariable String asset) {
    InventorySnapshot s = service.inventories().find(asset)
        .orElseThrow(() -> new NotFoundException("inventory (run suture inventory collect)", asset));
    List<PackageView> packages = new ArrayList<>();
    s.packageSets().forEach(set -> {
      for (InstalledPackage p : set.packages())
        packages.add(new PackageView(set.ecosystem(), p.name(), p.version(), p.sourceName(), p.sourceVersion(), p.arch()));
    });
    return new SnapshotView(InventoryView.of(s), packages, s.problems().stream().map(Object::toString).toList());
  }

}
