-- Matching one advisory against the fleet reads only the installed rows it names
-- (InventoryStore.installedMatching), instead of every inventory. Advisories name a package by the
-- source name when the row has one, else by the binary name (FleetMatcher.matchName), so the query has
-- one branch per column and each needs its own index. The ecosystem is compared in code: a key holds it
-- without its release and in lower case ("debian" for "Debian:12"), which no portable index serves,
-- and the few ecosystems sharing a package name cost little to filter.
-- V8's installed_packages_source (ecosystem, source_name) cannot serve a lookup by name alone; it is
-- left in place (nothing reads through it now, dropping it is a separate decision).
CREATE INDEX installed_packages_match_source ON installed_packages (source_name);
CREATE INDEX installed_packages_match_name ON installed_packages (name);
