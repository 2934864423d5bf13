-- Local users and API tokens (docs/security.md). Passwords are bcrypt hashes; tokens are stored as
-- the hex SHA-256 of the token, which is 256 random bits (a fast hash is enough for that).
CREATE TABLE users (
  name          VARCHAR(64)  NOT NULL PRIMARY KEY,
  roles         VARCHAR(200) NOT NULL,
  password_hash VARCHAR(100),
  disabled      BOOLEAN      NOT NULL,
  created_at    TIMESTAMP(6) NOT NULL
);

CREATE TABLE api_tokens (
  id           VARCHAR(32)  NOT NULL PRIMARY KEY,
  user_name    VARCHAR(64)  NOT NULL REFERENCES users (name),
  token_hash   CHAR(64)     NOT NULL UNIQUE,
  label        VARCHAR(200) NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL,
  expires_at   TIMESTAMP(6),
  last_used_at TIMESTAMP(6),
  revoked_at   TIMESTAMP(6)
);
CREATE INDEX api_tokens_user ON api_tokens (user_name);
