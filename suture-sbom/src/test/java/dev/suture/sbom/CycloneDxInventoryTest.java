package dev.suture.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.suture.core.inventory.InstalledPackage;
import dev.suture.core.inventory.InventorySnapshot;
import dev.suture.core.inventory.LineProblem;
import dev.suture.core.inventory.PackageSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycloneDxInventoryTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static SbomInventory fixture(String name) {
    try (InputStream in = CycloneDxInventoryTest.class.getResourceAsStream("/sbom/" + name)) {
      assertThat(in).as("fixture " + name).isNotNull();
      return CycloneDxInventory.parse(in, "image:" + name, CLOCK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CycloneDX 1.6 JSON BOM with these components (JSON objects). */
  static SbomInventory inline(String... components) {
    String json = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
        + String.join(",", components) + "]}";
    try {
      return CycloneDxInventory.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline", CLOCK);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String library(String purl) {
    return "{\"type\":\"library\",\"name\":\"x\",\"purl\":\"" + purl + "\"}";
  }

  static String os(String name, String version) {
    return "{\"type\":\"operating-system\",\"name\":\"" + name + "\",\"version\":\"" + version + "\"}";
  }

  static List<InstalledPackage> packages(InventorySnapshot s, String ecosystem) {
    return s.packageSets().stream().filter(p -> p.ecosystem().equals(ecosystem)).findFirst()
        .map(PackageSet::packages).orElseThrow(() -> new AssertionError("no package set " + ecosystem
            + " in " + s.packageSets().stream().map(PackageSet::ecosystem).toList()));
  }

  @Test
  void syftDebianImage() {
    SbomInventory inv = fixture("syft-debian-12.cdx.json");
    InventorySnapshot s = inv.snapshot();
    assertThat(s.problems()).isEmpty();
    assertThat(s.asset()).isEqualTo("image:syft-debian-12.cdx.json");
    assertThat(s.source()).isEqualTo("sbom:cyclonedx");
    assertThat(s.collectedAt()).isEqualTo(NOW);
    assertThat(s.osName()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(s.packageSets()).extracting(PackageSet::ecosystem).containsExactly("Debian:12", "npm", "PyPI");
    assertThat(packages(s, "Debian:12")).containsExactly(
        // syft:metadata:source, same version
        new InstalledPackage("libc6", "glibc", "2.36-9+deb12u4", "2.36-9+deb12u4", "amd64"),
        // binNMU: syft:metadata:sourceVersion differs from the binary's
        new InstalledPackage("bash", "bash", "5.2.15-2+b2", "5.2.15-2", "amd64"),
        // no properties: the purl's upstream=NAME@VERSION qualifier
        new InstalledPackage("cpp", "gcc-defaults", "4:12.2.0-3", "1.203", "amd64"),
        // no source anywhere: its own source
        new InstalledPackage("tzdata", "tzdata", "2024a-0+deb12u1", "2024a-0+deb12u1", "all"),
        new InstalledPackage("libssl3", "openssl", "3.0.11-1~deb12u2", "3.0.11-1~deb12u2", "amd64"));
    // lodash is listed twice (two node_modules copies) and kept once.
    assertThat(packages(s, "npm")).containsExactly(
        new InstalledPackage("@babel/core", "@babel/core", "7.23.2", "7.23.2", ""),
        new InstalledPackage("lodash", "lodash", "4.17.21", "4.17.21", ""));
    assertThat(packages(s, "PyPI")).extracting(InstalledPackage::name, InstalledPackage::version)
        .containsExactly(tuple("requests", "2.31.0"), tuple("pyyaml", "6.0.1"));
    assertThat(inv.packages()).hasSize(s.packageCount());
    assertThat(inv.purlOf("Debian:12", packages(s, "Debian:12").get(0)))
        .contains("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc");
    assertThat(inv.packages().get(0).bomRef()).startsWith("pkg:deb/debian/libc6@");
  }

  @Test
  void trivyDebianImage() {
    InventorySnapshot s = fixture("trivy-debian-12.cdx.json").snapshot();
    assertThat(s.problems()).isEmpty();
    assertThat(s.osName()).isEqualTo("debian 12.5");
    assertThat(s.packageSets()).extracting(PackageSet::ecosystem).containsExactly("Debian:12", "npm", "PyPI");
    assertThat(packages(s, "Debian:12")).containsExactly(
        // SrcVersion + SrcRelease
        new InstalledPackage("libssl3", "openssl", "3.0.11-1~deb12u2", "3.0.11-1~deb12u2", "amd64"),
        // SrcEpoch + SrcVersion + SrcRelease; the binNMU suffix is the binary's only
        new InstalledPackage("login", "shadow", "1:4.13+dfsg1-1+b1", "1:4.13+dfsg1-1", "amd64"),
        // no distro qualifier: the release comes from the operating-system component (12.5 → 12)
        new InstalledPackage("base-files", "base-files", "12.4+deb12u5", "12.4+deb12u5", "amd64"));
    assertThat(packages(s, "npm")).extracting(InstalledPackage::name).containsExactly("express");
    assertThat(packages(s, "PyPI")).extracting(InstalledPackage::name).containsExactly("urllib3");
  }

  @Test
  void xmlUbuntuImage() {
    InventorySnapshot s = fixture("syft-ubuntu-22.04.cdx.xml").snapshot();
    assertThat(s.problems()).isEmpty();
    assertThat(s.osName()).isEqualTo("Ubuntu 22.04.4 LTS");
    assertThat(s.packageSets()).extracting(PackageSet::ecosystem)
        .containsExactly("Ubuntu:22.04:LTS", "Maven", "Go");
    assertThat(packages(s, "Ubuntu:22.04:LTS")).containsExactly(
        new InstalledPackage("libssl3", "openssl", "3.0.2-0ubuntu1.15", "3.0.2-0ubuntu1.15", "amd64"),
        new InstalledPackage("libc6", "glibc", "2.35-0ubuntu3.6", "2.35-0ubuntu3.6", "amd64"));
    assertThat(packages(s, "Maven")).containsExactly(new InstalledPackage(
        "com.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.core:jackson-databind",
        "2.15.2", "2.15.2", ""));
    assertThat(packages(s, "Go")).extracting(InstalledPackage::name, InstalledPackage::version)
        .containsExactly(tuple("github.com/gin-gonic/gin", "v1.9.1"));
  }

  @Test
  void alpineImage() {
    InventorySnapshot s = fixture("syft-alpine-3.20.cdx.json").snapshot();
    assertThat(s.problems()).isEmpty();
    assertThat(s.osName()).isEqualTo("Alpine Linux v3.20");
    assertThat(s.packageSets()).extracting(PackageSet::ecosystem).containsExactly("Alpine:v3.20");
    assertThat(packages(s, "Alpine:v3.20")).containsExactly(
        new InstalledPackage("busybox", "busybox", "1.36.1-r29", "1.36.1-r29", "x86_64"),
        // the origin, from syft:metadata:originPackage
        new InstalledPackage("ssl_client", "busybox", "1.36.1-r29", "1.36.1-r29", "x86_64"),
        // the origin, from the purl's upstream qualifier alone
        new InstalledPackage("libcrypto3", "openssl", "3.3.1-r3", "3.3.1-r3", "x86_64"),
        // distro=3.20.1 (Trivy's form: the version alone)
        new InstalledPackage("musl", "musl", "1.2.5-r0", "1.2.5-r0", "x86_64"));
  }

  @Test
  void trivyAlpineAndRpmSourceProperties() {
    InventorySnapshot s = inline(
        "{\"type\":\"library\",\"name\":\"libcrypto3\",\"version\":\"3.3.1-r3\","
            + "\"purl\":\"pkg:apk/alpine/libcrypto3@3.3.1-r3?arch=x86_64&distro=3.20.1\",\"properties\":["
            + "{\"name\":\"aquasecurity:trivy:SrcName\",\"value\":\"openssl\"},"
            + "{\"name\":\"aquasecurity:trivy:SrcVersion\",\"value\":\"3.3.1-r3\"}]}",
        "{\"type\":\"library\",\"name\":\"openssl-libs\",\"version\":\"1:3.0.7-27.el9\","
            + "\"purl\":\"pkg:rpm/rocky/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1&distro=rocky-9.4\",\"properties\":["
            + "{\"name\":\"aquasecurity:trivy:SrcEpoch\",\"value\":\"1\"},"
            + "{\"name\":\"aquasecurity:trivy:SrcName\",\"value\":\"openssl\"},"
            + "{\"name\":\"aquasecurity:trivy:SrcRelease\",\"value\":\"27.el9\"},"
            + "{\"name\":\"aquasecurity:trivy:SrcVersion\",\"value\":\"3.0.7\"}]}").snapshot();
    assertThat(s.problems()).isEmpty();
    assertThat(packages(s, "Alpine:v3.20")).containsExactly(
        new InstalledPackage("libcrypto3", "openssl", "3.3.1-r3", "3.3.1-r3", "x86_64"));
    assertThat(packages(s, "Rocky Linux:9")).containsExactly(
        new InstalledPackage("openssl-libs", "openssl", "1:3.0.7-27.el9", "1:3.0.7-27.el9", "x86_64"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5?distro=bookworm | Debian:12 | curl | 7.88.1-10+deb12u5 | curl | 7.88.1-10+deb12u5",
      "pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5?distro=debian-bookworm | Debian:12 | curl | 7.88.1-10+deb12u5 | curl | 7.88.1-10+deb12u5",
      "pkg:deb/debian/curl@7.74.0-1.3%2Bdeb11u11?distro=debian-11.9 | Debian:11 | curl | 7.74.0-1.3+deb11u11 | curl | 7.74.0-1.3+deb11u11",
      "pkg:deb/ubuntu/libcurl4@8.5.0-2ubuntu10.1?distro=ubuntu-24.04&upstream=curl | Ubuntu:24.04:LTS | libcurl4 | 8.5.0-2ubuntu10.1 | curl | 8.5.0-2ubuntu10.1",
      "pkg:deb/ubuntu/curl@8.2.1-1ubuntu3.3?distro=ubuntu-23.10 | Ubuntu:23.10 | curl | 8.2.1-1ubuntu3.3 | curl | 8.2.1-1ubuntu3.3",
      "pkg:deb/ubuntu/curl@7.81.0-1ubuntu1.15?distro=jammy | Ubuntu:22.04:LTS | curl | 7.81.0-1ubuntu1.15 | curl | 7.81.0-1ubuntu1.15",
      "pkg:apk/alpine/musl@1.2.5-r0?distro=alpine-3.20 | Alpine:v3.20 | musl | 1.2.5-r0 | musl | 1.2.5-r0",
      "pkg:apk/alpine/musl@1.2.4_git20230717-r4?distro=3.19.1 | Alpine:v3.19 | musl | 1.2.4_git20230717-r4 | musl | 1.2.4_git20230717-r4",
      "pkg:rpm/rocky/openssl-libs@3.0.7-25.el9_3?arch=x86_64&epoch=1&upstream=openssl-3.0.7-25.el9_3.src.rpm&distro=rocky-9.3 | Rocky Linux:9 | openssl-libs | 1:3.0.7-25.el9_3 | openssl | 1:3.0.7-25.el9_3",
      "pkg:rpm/almalinux/bash@5.1.8-9.el9?arch=x86_64&distro=almalinux-9.4 | AlmaLinux:9 | bash | 5.1.8-9.el9 | bash | 5.1.8-9.el9",
      "pkg:rpm/alma/bash@5.1.8-9.el9?distro=alma-9.4 | AlmaLinux:9 | bash | 5.1.8-9.el9 | bash | 5.1.8-9.el9",
      "pkg:rpm/redhat/glibc-common@2.34-100.el9?distro=rhel-9.4&upstream=glibc-2.34-100.el9.src.rpm | Red Hat:enterprise_linux:9 | glibc-common | 2.34-100.el9 | glibc | 2.34-100.el9",
      "pkg:rpm/redhat/glibc@2.34-100.el9?distro=redhat-9.4 | Red Hat:enterprise_linux:9 | glibc | 2.34-100.el9 | glibc | 2.34-100.el9",
      "pkg:npm/%40angular/core@16.2.12 | npm | @angular/core | 16.2.12 | @angular/core | 16.2.12",
      "pkg:pypi/Django@4.2.7 | PyPI | django | 4.2.7 | django | 4.2.7",
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1?type=jar | Maven | org.apache.logging.log4j:log4j-core | 2.17.1 | org.apache.logging.log4j:log4j-core | 2.17.1",
      "pkg:golang/golang.org/x/net@v0.17.0 | Go | golang.org/x/net | v0.17.0 | golang.org/x/net | v0.17.0",
      "pkg:cargo/tokio@1.35.1 | crates.io | tokio | 1.35.1 | tokio | 1.35.1",
      "pkg:gem/rails@7.1.2 | RubyGems | rails | 7.1.2 | rails | 7.1.2",
      "pkg:nuget/Newtonsoft.Json@13.0.3 | NuGet | Newtonsoft.Json | 13.0.3 | Newtonsoft.Json | 13.0.3",
  })
  void purlToEcosystem(String purl, String ecosystem, String name, String version, String source, String sourceVersion) {
    InventorySnapshot s = inline(library(purl)).snapshot();
    assertThat(s.problems()).isEmpty();
    assertThat(s.packageSets()).extracting(PackageSet::ecosystem).containsExactly(ecosystem);
    InstalledPackage p = s.packageSets().get(0).packages().get(0);
    assertThat(p.name()).isEqualTo(name);
    assertThat(p.version()).isEqualTo(version);
    assertThat(p.sourceName()).isEqualTo(source);
    assertThat(p.sourceVersion()).isEqualTo(sourceVersion);
  }

  @Test
  void nestedComponentsAreWalkedDepthFirst() {
    SbomInventory inv = fixture("nested.cdx.json");
    InventorySnapshot s = inv.snapshot();
    assertThat(s.osName()).isEmpty();
    assertThat(s.packageSets()).extracting(PackageSet::ecosystem).containsExactly("npm", "Maven");
    // react is nested under the metadata component (the image), the others under applications.
    assertThat(packages(s, "npm")).extracting(InstalledPackage::name)
        .containsExactly("react", "shop-web", "express", "qs");
    assertThat(packages(s, "Maven")).extracting(InstalledPackage::name)
        .containsExactly("org.springframework:spring-core");
    // Order: react 1, app 2, express 3, qs 4, broken 5, README 6, billing 7, spring-core 8.
    assertThat(s.problems()).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(5);
      assertThat(p.text()).isEqualTo("bom-ref=app/express/broken name=broken purl=pkg:npm/broken");
      assertThat(p.reason()).startsWith("version:");
    });
  }

  @Test
  void unusableComponentsAreProblemsAndTheRestIsKept() {
    InventorySnapshot s = fixture("bad-purls.cdx.json").snapshot();
    assertThat(s.packageSets()).extracting(PackageSet::ecosystem).containsExactly("npm");
    // chalk's version comes from the component when the purl has none.
    assertThat(packages(s, "npm")).extracting(InstalledPackage::name, InstalledPackage::version)
        .containsExactly(tuple("chalk", "5.3.0"), tuple("express", "4.18.2"));
    assertThat(s.problems()).extracting(LineProblem::line)
        .containsExactly(1, 2, 3, 5, 6, 7, 8, 9, 10, 12, 13, 14);
    List<String> reasons = s.problems().stream().map(LineProblem::reason).toList();
    assertThat(reasons.get(0)).startsWith("purl: the component has no purl");
    assertThat(reasons.get(1)).startsWith("purl: not a valid package URL");
    assertThat(reasons.get(2)).startsWith("version: neither the purl nor the component");
    assertThat(reasons.get(3)).isEqualTo(
        "purl has no distro qualifier, and the SBOM has no operating-system component");
    assertThat(reasons.get(4)).isEqualTo("purl: distro qualifier 'ubuntu-22.04' names ubuntu but the namespace is debian");
    assertThat(reasons.get(5)).startsWith("purl: namespace 'raspbian' of type 'deb' is not a distribution Suture maps");
    assertThat(reasons.get(6)).startsWith("purl: type 'generic' has no OSV ecosystem Suture maps");
    assertThat(reasons.get(7)).startsWith("purl: not a valid package URL").contains("Maven requires both a namespace and name");
    assertThat(reasons.get(8)).startsWith("version '1.0!x' is not a valid dpkg version");
    assertThat(reasons.get(9)).startsWith("version 'not a version' is not a valid pep440 version");
    assertThat(reasons.get(10)).startsWith("purl distro qualifier 'edge' names no alpine release");
    assertThat(reasons.get(11)).startsWith("purl: the component has no purl");
    // The problem names the component.
    assertThat(s.problems().get(0).text()).isEqualTo("bom-ref=ref-left-pad name=left-pad version=1.3.0");
    assertThat(s.problems().get(11).text()).isEqualTo("name=anonymous version=0.1.0");
  }

  @Test
  void fallbackNeedsOneOperatingSystemOfTheSameDistribution() {
    String curl = library("pkg:deb/debian/curl@7.88.1-10%2Bdeb12u5");
    assertThat(packages(inline(curl, os("debian", "12")).snapshot(), "Debian:12")).hasSize(1);
    assertThat(inline(curl, os("debian", "12"), os("alpine", "3.20.1")).snapshot().problems())
        .singleElement().extracting(LineProblem::reason).asString()
        .contains("the SBOM has 2 operating-system components (debian 12, alpine 3.20.1)");
    assertThat(inline(curl, os("ubuntu", "22.04")).snapshot().problems())
        .singleElement().extracting(LineProblem::reason).asString()
        .isEqualTo("purl has no distro qualifier, and the SBOM's operating-system component is 'ubuntu', not debian");
    // Debian testing has no release number; neither the qualifier nor the OS component names one.
    assertThat(inline(library("pkg:deb/debian/curl@8.5.0-2?distro=debian"), os("debian", "trixie/sid"))
        .snapshot().problems()).singleElement().extracting(LineProblem::reason).asString()
        .isEqualTo("purl distro qualifier 'debian' names no debian release Suture maps, and the"
            + " operating-system component's version 'trixie/sid' names none either");
  }

  @Test
  void utf8ByteOrderMarkAndLeadingWhiteSpaceAreAccepted() throws IOException {
    String json = "\uFEFF\n  {\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":["
        + library("pkg:npm/lodash@4.17.21") + "]}";
    InventorySnapshot s = CycloneDxInventory.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bom", CLOCK);
    assertThat(packages(s, "npm")).extracting(InstalledPackage::name).containsExactly("lodash");
  }

  @Test
  void readReturnsTheSnapshot() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/sbom/syft-alpine-3.20.cdx.json")) {
      InventorySnapshot s = CycloneDxInventory.read(in, "alpine", CLOCK);
      assertThat(s.asset()).isEqualTo("alpine");
      assertThat(s.packageSets()).isEqualTo(fixture("syft-alpine-3.20.cdx.json").snapshot().packageSets());
      assertThat(s.packageCount()).isEqualTo(4);
    }
  }
}
