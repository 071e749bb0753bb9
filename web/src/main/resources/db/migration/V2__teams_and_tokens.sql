-- Teams: who may submit, as which Livy proxy user, with which quotas and priority.
CREATE TABLE team (
    name              VARCHAR(63)  NOT NULL PRIMARY KEY,
    proxy_user        VARCHAR(100) NOT NULL,
    priority          INTEGER      NOT NULL,
    max_running_jobs  INTEGER      NOT NULL,
    max_cores         INTEGER      NOT NULL,
    max_memory_mb     BIGINT       NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- API tokens, stored only as the SHA-256 of the token: the database never holds a usable secret.
CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    token_hash   CHAR(64)     NOT NULL UNIQUE,
    role         VARCHAR(16)  NOT NULL,
    team         VARCHAR(63)  REFERENCES team (name),
    description  VARCHAR(200),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_team_role CHECK ((role = 'ADMIN') OR (team IS NOT NULL))
);
