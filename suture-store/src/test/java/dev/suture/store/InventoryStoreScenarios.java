package dev.suture.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.suture.core.audit.AuditEvent;
import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.LineProblem;
import dev.suture.core.inventory.PackageSet;
import dev.suture.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inventory snapshots on a real database: replaced as a whole, read back equal, streamed for the fleet. */
abstract class InventoryStoreScenarios extends VulnStoreFixture {

  static List<InstalledPackage> packages(int n, String version) {
    List<InstalledPackage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(new InstalledPackage("lib" + i, "src" + (i / 3), version + i, version + (i / 3), "amd64"));
    return out;
  }

  InventorySnapshot snapshot(String asset, Instant at, PackageSet... sets) {
    return new InventorySnapshot(asset, at, "ssh:dpkg", "Debian GNU/Linux 12 (bookworm)", List.of(sets),
        List.of(new LineProblem(7, "broken\tline", "version: empty")));
  }

  @Test void aSnapshotReadsBackEqualWithItsSetsInOrder() {
    InventorySnapshot image = new InventorySnapshot("registry/app:1.4", Instant.parse("2026-12-01T08:59:59.123456Z"), "sbom:cyclonedx", "",
        List.of(new PackageSet("Debian:12", List.of(new InstalledPackage("libssl3", "openssl", "3.0.15-1~deb12u1", "3.0.15-1~deb12u1",
            "amd64"), new InstalledPackage("cpp", "gcc-defaults", "4:12.2.0-3", "1.203", "amd64"))),
            new PackageSet("npm", List.of()),
            new PackageSet("PyPI", List.of(new InstalledPackage("requests", "requests", "2.32.3", "2.32.3", "")))),
        List.of(new LineProblem(3, "x", "no version"), new LineProblem(9, "y\"z", "name: empty")));
    assertThat(inventories.replace(image, "system:inventory")).isTrue();

    assertThat(inventories.find("registry/app:1.4")).contains(image);
    assertThat(inventories.find("other")).isEmpty();
    assertThat(inventories.assets()).containsExactly("registry/app:1.4");
    assertThat(inventories.collectedAt()).isEqualTo(Map.of("registry/app:1.4", image.collectedAt()));
    List<AuditEvent> audit = store.audit().forSubject("inventory/registry/app:1.4");
    assertThat(audit).extracting(AuditEvent::action).containsExactly("inventory.collected");
    assertThat(Json.readObject(audit.get(0).details())).containsEntry("packages", 3L).containsEntry("problems", 2L)
        .containsEntry("ecosystems", List.of("Debian:12", "npm", "PyPI")).containsEntry("source", "sbom:cyclonedx");
  }

  @Test void aNewerSnapshotReplacesTheOldOneAsAWholeAndAnOlderOneIsIgnored() {
    Instant t0 = clock.instant();
    inventories.replace(snapshot("web-1", t0, new PackageSet("Debian:12", packages(1300, "1.0-"))), "system:inventory");
    InventorySnapshot fewer = snapshot("web-1", t0.plus(Duration.ofHours(1)), new PackageSet("Debian:12", packages(2, "1.1-")));
    assertThat(inventories.replace(fewer, "system:inventory")).isTrue();
    assertThat(inventories.find("web-1")).contains(fewer);

    InventorySnapshot stale = snapshot("web-1", t0.plus(Duration.ofMinutes(30)), new PackageSet("Debian:12", packages(5, "0.9-")));
    assertThat(inventories.replace(stale, "system:inventory")).isFalse();
    assertThat(inventories.find("web-1")).contains(fewer);
    assertThat(actions("inventory/web-1")).containsExactly("inventory.collected", "inventory.collected");
    assertThat(Json.readObject(store.audit().forSubject("inventory/web-1").get(1).details())).containsEntry("previousPackages", 1300L);
  }

  @Test void forEachHandsOutEveryAssetOnceInNameOrder() {
    Instant t = clock.instant();
    InventorySnapshot b = snapshot("b-host", t, new PackageSet("Debian:12", packages(1200, "2.0-")));
    InventorySnapshot a = snapshot("a-host", t, new PackageSet("Alpine:v3.20", packages(3, "1.2.3-r")));
    InventorySnapshot empty = snapshot("c-host", t);
    InventorySnapshot d = snapshot("d-host", t, new PackageSet("Rocky Linux:9", List.of()),
        new PackageSet("Rocky Linux:9", packages(4, "1.0-1.el9.")));
    for (InventorySnapshot s : List.of(b, empty, d, a)) inventories.replace(s, "system:inventory");

    List<InventorySnapshot> seen = new ArrayList<>();
    inventories.forEach(seen::add);
    assertThat(seen).containsExactly(a, b, empty, d);
    assertThat(inventories.assets()).containsExactly("a-host", "b-host", "c-host", "d-host");
  }

  @Test void aValueTooLongIsRefusedNamingItsFieldAndNothingIsWritten() {
    List<InstalledPackage> pkgs = new ArrayList<>(packages(2, "1.0-"));
    pkgs.add(new InstalledPackage("libx", "x", "1." + "0".repeat(600), "1.0", "amd64"));
    assertThatThrownBy(() -> inventories.replace(snapshot("web-1", clock.instant(), new PackageSet("Debian:12", List.of()),
        new PackageSet("Debian:12", pkgs)), "system:inventory"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("packageSets[1].packages[2].version: longer than 500 characters (602)");
    assertThat(inventories.assets()).isEmpty();
    assertThat(actions("inventory/web-1")).isEmpty();
  }
}
