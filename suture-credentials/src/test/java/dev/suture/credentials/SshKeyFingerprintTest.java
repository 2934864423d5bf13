package dev.suture.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fingerprints agree with what ssh-keygen prints (when ssh-keygen is installed). */
class SshKeyFingerprintTest {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"ed25519,RFC4716", "ecdsa,RFC4716", "rsa,RFC4716", "rsa,PEM", "rsa,PKCS8"})
  void matchesSshKeygen(String type, String format) throws Exception {
    Path key = tmp.resolve("id_" + type + "_" + format);
    // RFC4716 is ssh-keygen's name for its own (OpenSSH) private key format
    sshKeygen("ssh-keygen", "-q", "-t", type, "-m", format, "-N", "", "-C", "test", "-f", key.toString());
    Files.delete(Path.of(key + ".pub"));
    String expected = sshKeygen("ssh-keygen", "-l", "-f", key.toString()).split(" ")[1];
    assertThat(expected).startsWith("SHA256:");
    assertThat(SshKeyFingerprint.of(Files.readAllBytes(key))).isEqualTo(expected);
  }

  @Test void rejectsAPassphraseProtectedOpenSshKey() throws Exception {
    Path key = tmp.resolve("id_locked");
    sshKeygen("ssh-keygen", "-q", "-t", "ed25519", "-N", "a passphrase", "-f", key.toString());
    assertThatThrownBy(() -> SshKeyFingerprint.of(Files.readAllBytes(key)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret: the private key is encrypted");
  }

  @Test void keysItCannotDeriveAPublicKeyForGetALowerCaseSha256OfTheSecret() {
    String ec = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n";
    assertThat(SshKeyFingerprint.of(ec.getBytes(StandardCharsets.US_ASCII))).matches("sha256:[0-9a-f]{16}");
  }

  @Test void rejectsWhatIsNotAPrivateKey() {
    for (String bad : List.of("hunter2", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDoF user@host",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n")) {
      assertThatThrownBy(() -> SshKeyFingerprint.of(bad.getBytes(StandardCharsets.UTF_8)))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("secret: ");
    }
  }

  private static String sshKeygen(String... argv) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      assumeTrue(false, "ssh-keygen is not installed");
      throw notInstalled;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.strip();
  }
}
