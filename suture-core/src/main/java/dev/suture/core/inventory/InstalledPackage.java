package dev.suture.core.inventory;

import java.util.Objects;

/**
 * One package installed on a host, as its package manager reports it.
 *
 * <p>Both the binary and the source identity are kept because advisories name source packages
 * (OSV's Debian, Ubuntu, Alpine, Rocky and AlmaLinux ecosystems) while operators and patch plans
 * name binary packages; the two versions can differ (Debian binNMUs such as {@code 5.2.15-2+b8}
 * built from source {@code 5.2.15-2}, or {@code cpp 4:12.2.0-3} built from
 * {@code gcc-defaults 1.203}).
 *
 * @param name binary package name, without dpkg's {@code :arch} qualifier
 * @param sourceName source package (Debian source, RPM source RPM name, apk origin)
 * @param version installed version, in the package manager's own syntax
 * @param sourceVersion version of the source package, same syntax
 * @param arch architecture as the package manager writes it ({@code amd64}, {@code x86_64},
 *     {@code noarch}, {@code all}, {@code x86_64} for apk)
 */
public record InstalledPackage(String name, String sourceName, String version, String sourceVersion, String arch) {
  public InstalledPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sourceVersion, "sourceVersion");
    Objects.requireNonNull(arch, "arch");
  }
}
