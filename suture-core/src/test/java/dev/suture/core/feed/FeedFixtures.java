package dev.suture.core.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The hand-built feed fixtures in src/test/resources/feeds/ and zips made from them. */
final class FeedFixtures {
  private FeedFixtures() {}

  static Path path(String name) {
    try {
      var url = FeedFixtures.class.getResource("/feeds/" + name);
      if (url == null) throw new IllegalArgumentException("no fixture feeds/" + name);
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = FeedFixtures.class.getResourceAsStream("/feeds/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture feeds/" + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds a zip in memory, entry by entry. */
  static final class Zip {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(out);

    Zip add(String name, byte[] content) { return add(name, content, false); }

    Zip addOsv(String fixture) { return add(fixture, bytes("osv/" + fixture)); }

    /** {@code stored}: uncompressed with the size in the local header; else deflated with a data descriptor. */
    Zip add(String name, byte[] content, boolean stored) {
      try {
        ZipEntry e = new ZipEntry(name);
        if (stored) {
          CRC32 crc = new CRC32();
          crc.update(content);
          e.setMethod(ZipEntry.STORED);
          e.setSize(content.length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
        return this;
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    Zip dir(String name) {
      try {
        zip.putNextEntry(new ZipEntry(name));
        zip.closeEntry();
        return this;
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    /** The bytes written so far: the entries without the central directory. */
    byte[] entriesOnly() {
      try {
        zip.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    byte[] finish() {
      try {
        zip.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }
}
