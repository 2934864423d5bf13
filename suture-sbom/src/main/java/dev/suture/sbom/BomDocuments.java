package dev.suture.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Turns the bytes of an upload into a schema-valid CycloneDX {@link Bom}, or says exactly why not.
 *
 * <p>The format is decided from the content (the first character after an optional UTF-8 byte order
 * mark and white space: <code>{</code> JSON, {@code <} XML), not from a file name or content type an
 * uploader may get wrong. The document is then parsed, its {@code specVersion} (JSON) or namespace (XML)
 * read, and the whole document validated against that version's schema, bundled in cyclonedx-core-java:
 * a document that breaks the schema is refused rather than half used, because a component the reader
 * silently misread would be a package no advisory is ever matched against.
 */
final class BomDocuments {
  /** Largest document read; a Syft SBOM of a large image is tens of MB. */
  static final int MAX_BYTES = 256 * 1024 * 1024;
  /** Schema errors listed in the exception message; the rest are counted. */
  private static final int ERRORS_SHOWN = 5;
  private static final String XML_NAMESPACE = "http://cyclonedx.org/schema/bom/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BomDocuments() {}

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > MAX_BYTES) {
        throw new SbomFormatException("SBOM is larger than " + (MAX_BYTES >> 20) + " MiB; refused");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  static Bom load(byte[] bytes) {
    int first = firstSignificant(bytes);
    if (first < 0) throw new SbomFormatException("SBOM is empty");
    char c = (char) bytes[first];
    if (c == '{') return loadJson(bytes);
    if (c == '<') return loadXml(bytes);
    String start = new String(bytes, first, Math.min(40, bytes.length - first), StandardCharsets.UTF_8);
    int nl = start.indexOf('\n');
    throw new SbomFormatException("SBOM is neither JSON nor XML: it starts with "
        + quote(nl >= 0 ? start.substring(0, nl) : start));
  }

  /*
   * Both formats go the same way: read just enough to know it is CycloneDX and which version, validate
   * against that version's schema, and only then bind to the model. Binding first would report a
   * schema error (an unknown component type) as a Jackson message about an enum class.
   */

  private static Bom loadJson(byte[] bytes) {
    JsonNode tree;
    try {
      tree = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new SbomFormatException("SBOM is not readable JSON: " + rootMessage(e), e);
    }
    if (!tree.isObject()) throw new SbomFormatException("JSON SBOM is not an object");
    JsonNode format = tree.get("bomFormat");
    if (format == null || !"CycloneDX".equals(format.asText())) {
      throw new SbomFormatException("JSON document is not a CycloneDX BOM: bomFormat is "
          + (format == null ? "missing" : quote(format.asText())) + ", expected \"CycloneDX\"");
    }
    JsonNode spec = tree.get("specVersion");
    Version version = specVersion(spec == null ? null : spec.asText());
    JsonParser parser = new JsonParser();
    List<String> errors = new ArrayList<>();
    try {
      // The schema itself rather than parser.validate(...): its errors carry the JSON path
      // as a JSON pointer ("/components/1/type"), which the person fixing the file needs.
      for (com.networknt.schema.Error e : parser.getJsonSchema(version, JSON).validate(tree)) {
        JsonNode found = e.getInstanceNode();
        errors.add(e.getInstanceLocation() + ": " + e.getMessage()
            + (found != null && found.isValueNode() ? " (found " + found + ")" : ""));
      }
    } catch (IOException | RuntimeException e) {
      throw new SbomFormatException("CycloneDX JSON SBOM could not be validated against the "
          + version.getVersionString() + " schema: " + rootMessage(e), e);
    }
    refuseIfInvalid(errors, version, "JSON");
    try {
      return parser.parse(bytes);
    } catch (ParseException | RuntimeException e) {
      throw new SbomFormatException("CycloneDX JSON SBOM could not be read: " + rootMessage(e), e);
    }
  }

  private static Bom loadXml(byte[] bytes) {
    // CycloneDX XML needs no DTD; refusing one up front rules out entity expansion and external
    // entities whatever the XML parsers' own settings are.
    if (new String(bytes, StandardCharsets.UTF_8).contains("<!DOCTYPE")) {
      throw new SbomFormatException("XML SBOM has a DOCTYPE declaration; CycloneDX XML has none, refused");
    }
    String ns = rootNamespace(bytes);
    if (ns == null || !ns.startsWith(XML_NAMESPACE)) {
      throw new SbomFormatException("XML document is not a CycloneDX BOM: its root element's namespace is "
          + (ns == null || ns.isEmpty() ? "missing" : quote(ns)) + ", expected " + XML_NAMESPACE + "1.x");
    }
    Version version = specVersion(ns.substring(XML_NAMESPACE.length()));
    XmlParser parser = new XmlParser();
    List<String> errors = new ArrayList<>();
    try {
      Validator validator = parser.getXmlSchema(version).newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setErrorHandler(new ErrorHandler() {
        @Override public void warning(SAXParseException e) {}

        @Override public void error(SAXParseException e) {
          errors.add(at(e) + e.getMessage());
        }

        @Override public void fatalError(SAXParseException e) throws SAXParseException {
          throw e;
        }
      });
      validator.validate(new StreamSource(new ByteArrayInputStream(bytes)));
    } catch (SAXParseException e) {
      throw new SbomFormatException("SBOM is not well-formed XML: " + at(e) + e.getMessage(), e);
    } catch (SAXException | IOException | RuntimeException e) {
      throw new SbomFormatException("CycloneDX XML SBOM could not be validated against the "
          + version.getVersionString() + " schema: " + rootMessage(e), e);
    }
    refuseIfInvalid(errors, version, "XML");
    try {
      return parser.parse(bytes);
    } catch (ParseException | RuntimeException e) {
      throw new SbomFormatException("CycloneDX XML SBOM could not be read: " + rootMessage(e), e);
    }
  }

  /** The namespace of the root element, read with a StAX parser that resolves no DTD or entity. */
  private static String rootNamespace(byte[] bytes) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
      try {
        while (r.hasNext()) {
          if (r.next() == XMLStreamConstants.START_ELEMENT) return r.getNamespaceURI();
        }
        throw new SbomFormatException("XML SBOM has no root element");
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new SbomFormatException("SBOM is not well-formed XML: " + rootMessage(e), e);
    }
  }

  private static Version specVersion(String declared) {
    if (declared == null || declared.isBlank()) {
      throw new SbomFormatException("CycloneDX BOM has no specVersion");
    }
    for (Version v : Version.values()) {
      if (v.getVersionString().equals(declared)) return v;
    }
    throw new SbomFormatException("CycloneDX specVersion " + quote(declared) + " is not supported; supported: "
        + java.util.Arrays.stream(Version.values()).map(Version::getVersionString).collect(Collectors.joining(", ")));
  }

  private static String at(SAXParseException e) {
    return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": ";
  }

  private static void refuseIfInvalid(List<String> errors, Version version, String format) {
    if (errors.isEmpty()) return;
    String shown = errors.stream().limit(ERRORS_SHOWN).collect(Collectors.joining("; "));
    int more = errors.size() - ERRORS_SHOWN;
    throw new SbomFormatException("CycloneDX " + format + " SBOM breaks the " + version.getVersionString()
        + " schema (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "): " + shown
        + (more > 0 ? "; and " + more + " more" : ""));
  }

  private static int firstSignificant(byte[] bytes) {
    int i = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) i = 3;
    while (i < bytes.length && Character.isWhitespace((char) bytes[i])) i++;
    return i < bytes.length ? i : -1;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    // Jackson puts the line and column on a second line; keep it, on one line.
    return m.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  static String quote(String s) {
    return "'" + s.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }
}
