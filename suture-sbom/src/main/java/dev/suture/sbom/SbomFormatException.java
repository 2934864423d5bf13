package dev.suture.sbom;

/**
 * An SBOM that cannot be read at all: not JSON or XML, not CycloneDX, a spec version this reader does
 * not know, or a document that breaks the CycloneDX schema. The message says which, and for schema
 * errors lists the first few with their JSON path or XML line, so the person who uploaded the file can
 * fix the generator run. Nothing of such a document is used (no half inventory).
 *
 * <p>Components that are merely unusable (no purl, a bad purl, no version) are not exceptions: they
 * are reported as problems of the inventory and the rest of the SBOM is kept.
 */
public final class SbomFormatException extends IllegalArgumentException {
  public SbomFormatException(String message) {
    super(message);
  }

  public SbomFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
