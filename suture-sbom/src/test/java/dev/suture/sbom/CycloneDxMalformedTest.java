package dev.suture.sbom;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Documents that are not usable CycloneDX are refused as a whole, saying what is wrong. */
class CycloneDxMalformedTest {
  private static AbstractThrowableAssert<?, ? extends Throwable> reading(String text) {
    return assertThatThrownBy(() -> CycloneDxInventory.read(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "image", CycloneDxInventoryTest.CLOCK))
        .isInstanceOf(SbomFormatException.class);
  }

  private static String json(String specVersion, String components) {
    return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"" + specVersion + "\",\"version\":1,\"components\":["
        + components + "]}";
  }

  @Test
  void emptyInput() {
    reading("").hasMessage("SBOM is empty");
    reading(" \n\t ").hasMessage("SBOM is empty");
  }

  @Test
  void neitherJsonNorXml() {
    reading("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n")
        .hasMessage("SBOM is neither JSON nor XML: it starts with 'SPDXVersion: SPDX-2.3'");
  }

  @Test
  void brokenJson() {
    reading("{\"bomFormat\": \"CycloneDX\", \"specVersion\": ")
        .hasMessageStartingWith("SBOM is not readable JSON: ")
        .hasMessageContaining("line: 1");
  }

  @Test
  void jsonThatIsNotCycloneDx() {
    reading("{\"spdxVersion\":\"SPDX-2.3\"}")
        .hasMessage("JSON document is not a CycloneDX BOM: bomFormat is missing, expected \"CycloneDX\"");
    reading("{\"bomFormat\":\"SPDX\",\"specVersion\":\"1.6\"}")
        .hasMessage("JSON document is not a CycloneDX BOM: bomFormat is 'SPDX', expected \"CycloneDX\"");
  }

  @Test
  void unknownSpecVersion() {
    reading("{\"bomFormat\":\"CycloneDX\"}").hasMessage("CycloneDX BOM has no specVersion");
    reading(json("2.0", "")).hasMessageStartingWith("CycloneDX specVersion '2.0' is not supported; supported: 1.0,")
        .hasMessageContaining("1.6");
  }

  @Test
  void jsonBreakingTheSchema() {
    // A component needs a name; "gizmo" is not a component type.
    reading(json("1.6", "{\"type\":\"library\",\"version\":\"1.0\",\"purl\":\"pkg:npm/a@1.0\"},"
        + "{\"type\":\"gizmo\",\"name\":\"b\"}"))
        .hasMessageStartingWith("CycloneDX JSON SBOM breaks the 1.6 schema (2 errors): ")
        .hasMessageContaining("/components/0: required property 'name' not found")
        .hasMessageContaining("/components/1/type: ")
        .hasMessageContaining("(found \"gizmo\")");
  }

  @Test
  void xmlWithDoctypeIsRefused() {
    reading("<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" version=\"1\"><components><component type=\"library\">"
        + "<name>&x;</name></component></components></bom>")
        .hasMessage("XML SBOM has a DOCTYPE declaration; CycloneDX XML has none, refused");
  }

  @Test
  void xmlThatIsNotCycloneDx() {
    reading("<?xml version=\"1.0\"?><project xmlns=\"http://maven.apache.org/POM/4.0.0\"/>")
        .hasMessage("XML document is not a CycloneDX BOM: its root element's namespace is"
            + " 'http://maven.apache.org/POM/4.0.0', expected http://cyclonedx.org/schema/bom/1.x");
  }

  @Test
  void brokenXml() {
    reading("<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>")
        .hasMessageStartingWith("SBOM is not well-formed XML: line 1, column ");
  }

  @Test
  void xmlBreakingTheSchema() {
    reading("<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\" version=\"1\">"
        + "<components><component type=\"library\"><version>1.0</version></component></components></bom>")
        .hasMessageStartingWith("CycloneDX XML SBOM breaks the 1.5 schema (1 error): line 1, column ")
        .hasMessageContaining("version");
  }
}
