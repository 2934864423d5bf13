package dev.suture.store;

import dev.suture.core.audit.AuditRecord;
import dev.suture.core.doc.Document;
import dev.suture.core.doc.DocumentKind;
import dev.suture.core.doc.DocumentParser;
import dev.suture.core.engine.ConflictException;
import dev.suture.core.port.DocumentStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Documents as their YAML text; parsed back through the same validating parser. */
public final class JdbcDocumentStore implements DocumentStore {
  private final Jdbc jdbc;
  private final Clock clock;
  private final DocumentParser parser;

  JdbcDocumentStore(Jdbc jdbc, Clock clock, DocumentParser parser) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.parser = parser;
  }

  @Override public List<Applied> apply(List<Document> documents, String actor) { return write(documents, actor, false); }

  /** Checked inside the transaction; a concurrent insert of the same name loses on the primary key and is a conflict too. */
  @Override public List<Applied> create(List<Document> documents, String actor) { return write(documents, actor, true); }

  private List<Applied> write(List<Document> documents, String actor, boolean createOnly) {
    return jdbc.tx(c -> {
      var now = clock.instant();
      List<Applied> out = new ArrayList<>();
      List<AuditRecord> audit = new ArrayList<>();
      for (Document d : documents) {
        Optional<String> old = yaml(c, d.kind(), d.name());
        if (createOnly && old.isPresent()) throw exists(d);
        Action action = old.isEmpty() ? Action.CREATED : old.get().equals(d.yaml()) ? Action.UNCHANGED : Action.UPDATED;
        if (action == Action.CREATED) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO documents (kind, name, yaml, updated_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, d.kind().name());
            ps.setString(2, d.name());
            ps.setString(3, d.yaml());
            Jdbc.setTime(ps, 4, now);
            ps.executeUpdate();
          } catch (SQLException e) {
            if (createOnly && "23505".equals(e.getSQLState())) throw exists(d);
            throw e;
          }
        } else if (action == Action.UPDATED) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET yaml = ?, updated_at = ? WHERE kind = ? AND name = ?")) {
            ps.setString(1, d.yaml());
            Jdbc.setTime(ps, 2, now);
            ps.setString(3, d.kind().name());
            ps.setString(4, d.name());
            ps.executeUpdate();
          }
        }
        out.add(new Applied(d.kind(), d.name(), action));
        if (action != Action.UNCHANGED)
          audit.add(AuditRecord.of(actor, "document." + action.name().toLowerCase(), d.kind().yamlName().toLowerCase() + "/" + d.name(),
              "sha256", sha256(d.yaml())));
      }
      AuditAppender.append(c, audit, now);
      return out;
    });
  }

  private static ConflictException exists(Document d) {
    return new ConflictException(d.kind().yamlName() + " '" + d.name() + "' already exists");
  }

  @Override public Optional<Document> find(DocumentKind kind, String name) {
    return jdbc.read(c -> yaml(c, kind, name)).map(y -> decode(kind, name, y));
  }

  @Override public List<Document> list(DocumentKind kind) {
    return jdbc.read(c -> {
      List<Document> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name, yaml FROM documents WHERE kind = ? ORDER BY name")) {
        ps.setString(1, kind.name());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.add(decode(kind, rs.getString(1), rs.getString(2)));
        }
      }
      return out;
    });
  }

  private Document decode(DocumentKind kind, String name, String yaml) {
    List<Document> docs = parser.parse(kind.yamlName().toLowerCase() + "/" + name, yaml);
    return docs.get(0);
  }

  private static Optional<String> yaml(Connection c, DocumentKind kind, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT yaml FROM documents WHERE kind = ? AND name = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
