package dev.suture.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.suture.core.json.Json;
import dev.suture.core.port.Credential;
import dev.suture.credentials.FileCredentialStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** GET /api/v1/credentials through Spring MVC's real JSON conversion: names and fingerprints, never a secret. */
class CredentialsControllerTest {
  static final String PASSWORD = "server-side-Password-never-in-json-77d1";

  @TempDir Path tmp;
  FileCredentialStore store;
  MockMvc mvc;
  String key;

  @BeforeEach void setUp() throws Exception {
    store = FileCredentialStore.open(tmp, Map.of(), Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));
    mvc = MockMvcBuilders.standaloneSetup(new CredentialsController(store)).build();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    key = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(g.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
  }

  @Test void listsNameTypeFingerprintAndCreatedOnly() throws Exception {
    store.put("prod-ssh", Credential.SSH_KEY, key.getBytes(StandardCharsets.UTF_8));
    store.put("db-admin", Credential.PASSWORD, PASSWORD.getBytes(StandardCharsets.UTF_8));

    MvcResult r = mvc.perform(get("/api/v1/credentials")).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(200);
    String body = r.getResponse().getContentAsString();

    assertThat(body).doesNotContain(PASSWORD).doesNotContain("PRIVATE KEY")
        .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)));
    key.lines().filter(l -> !l.startsWith("-----")).forEach(line -> assertThat(body).doesNotContain(line));
    @SuppressWarnings("unchecked") var list = (List<Map<String, Object>>) Json.read(body);
    assertThat(list).extracting(m -> m.keySet()).allSatisfy(k -> assertThat(k).containsExactlyInAnyOrder("name", "type", "fingerprint", "created"));
    assertThat(list).extracting(m -> m.get("name")).containsExactly("db-admin", "prod-ssh");
    assertThat(list.get(1).get("type")).isEqualTo("ssh-key");
    assertThat((String) list.get(1).get("fingerprint")).startsWith("SHA256:");
    assertThat((String) list.get(0).get("fingerprint")).matches("sha256:[0-9a-f]{16}");
    assertThat(list.get(0).get("created")).isEqualTo("2026-03-01T10:15:30Z");
  }

  @Test void anEmptyStoreIsAnEmptyList() throws Exception {
    assertThat(mvc.perform(get("/api/v1/credentials")).andReturn().getResponse().getContentAsString()).isEqualTo("[]");
  }

  @Test void anUnreadableFileIsAProblemThatShowsNoContent() throws Exception {
    store.put("db-admin", Credential.PASSWORD, PASSWORD.getBytes(StandardCharsets.UTF_8));
    Files.writeString(tmp.resolve("credentials.json"), "{\"format\":\"suture-credentials/v1\",\"credentials\":[{\"name\":\"" + PASSWORD);
    MvcResult r = mvc.perform(get("/api/v1/credentials")).andReturn();
    assertThat(r.getResponse().getStatus()).isEqualTo(503);
    assertThat(r.getResponse().getContentAsString()).contains("not a valid credentials file").doesNotContain(PASSWORD);
  }
}
