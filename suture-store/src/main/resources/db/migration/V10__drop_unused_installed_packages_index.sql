-- V8's installed_packages_source (ecosystem, source_name) is read by nothing since V9 (the match query
-- looks packages up by source_name or name alone, served by V9's indexes). Every inventory write paid for
-- it: one more index entry per installed package. Portable between H2 and PostgreSQL.
DROP INDEX installed_packages_source;
