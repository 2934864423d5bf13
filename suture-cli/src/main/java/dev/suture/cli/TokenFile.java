package dev.suture.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Where `suture login` keeps the token for later commands: SUTURE_TOKEN_FILE, else
 * ~/.suture/token. Owner-only (0600), written atomically; read only when no token or user is
 * given in the environment.
 */
public final class TokenFile {
    private TokenFile() {}

    public static Optional<Path> path(Map<String, String> env) {
        String explicit = env.get("SUTURE_TOKEN_FILE");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        String home = env.get("HOME");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, ".suture", "token"));
    }

    public static Optional<String> read(Map<String, String> env) {
        return path(env).filter(Files::isRegularFile).flatMap(p -> {
            try {
                String t = Files.readString(p, StandardCharsets.UTF_8).strip();
                return t.isEmpty() ? Optional.empty() : Optional.of(t);
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    public static Path write(Map<String, String> env, String token) {
        Path file = path(env).orElseThrow(() -> new CliException(ExitCodes.ERROR,
                "cannot store the token: neither SUTURE_TOKEN_FILE nor HOME is set"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".token", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
