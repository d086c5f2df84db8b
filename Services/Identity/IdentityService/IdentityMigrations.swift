import BerthStore

/// The numbered schema of `identity.db`. Append only: a released migration is never edited.
///
/// Times are whole seconds since 1970 (token claims use the same unit).
public enum IdentityMigrations {
    public static let all: [Migration] = [
        Migration(
            version: 1, name: "users and groups",
            sql: """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL DEFAULT '',
                    email TEXT NOT NULL DEFAULT '',
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE groups (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE group_members (
                    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    PRIMARY KEY (group_id, user_id)
                );
                """),
        Migration(
            version: 2, name: "local credentials, lock-out, signing keys, sessions",
            sql: """
                ALTER TABLE users ADD COLUMN connector_id TEXT NOT NULL DEFAULT 'local';
                CREATE TABLE local_credentials (
                    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                    password_hash TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE login_failures (
                    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                    failures INTEGER NOT NULL,
                    lockouts INTEGER NOT NULL,
                    locked_until INTEGER NOT NULL
                );
                CREATE TABLE signing_keys (
                    kid TEXT PRIMARY KEY,
                    algorithm TEXT NOT NULL,
                    private_key_pem TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    retired_at INTEGER
                );
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    connector_id TEXT NOT NULL,
                    client_id TEXT NOT NULL,
                    auth_time INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX sessions_by_user ON sessions(user_id);
                """),
        Migration(
            version: 3, name: "users mirrored from LDAP and upstream OIDC connectors",
            sql: """
                CREATE TABLE connector_identities (
                    connector_id TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    user_id TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
                    location TEXT NOT NULL DEFAULT '',
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (connector_id, external_id)
                );
                """),
        Migration(
            version: 4, name: "OAuth: authorization codes, refresh tokens, device codes, ended sessions",
            sql: """
                ALTER TABLE sessions ADD COLUMN ended_at INTEGER;
                CREATE TABLE oauth_codes (
                    code_hash TEXT PRIMARY KEY,
                    client_id TEXT NOT NULL,
                    redirect_uri TEXT NOT NULL,
                    code_challenge TEXT NOT NULL,
                    nonce TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    session_id TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    used_at INTEGER,
                    family_id TEXT
                );
                CREATE TABLE refresh_tokens (
                    token_hash TEXT PRIMARY KEY,
                    family_id TEXT NOT NULL,
                    session_id TEXT NOT NULL,
                    user_id TEXT NOT NULL,
                    client_id TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    family_started_at INTEGER NOT NULL,
                    rotated_at INTEGER,
                    revoked_at INTEGER
                );
                CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);
                CREATE INDEX refresh_tokens_by_session ON refresh_tokens(session_id);
                CREATE TABLE device_codes (
                    device_code_hash TEXT PRIMARY KEY,
                    user_code TEXT NOT NULL UNIQUE,
                    client_id TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    poll_interval INTEGER NOT NULL,
                    last_polled_at INTEGER,
                    status TEXT NOT NULL,
                    session_id TEXT,
                    user_id TEXT
                );
                CREATE TABLE upstream_logins (
                    state_hash TEXT PRIMARY KEY,
                    connector_id TEXT NOT NULL,
                    nonce TEXT NOT NULL,
                    code_verifier TEXT NOT NULL,
                    parameters_json TEXT NOT NULL,
                    callback_url TEXT NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                """),
        Migration(
            version: 5, name: "access keys",
            sql: """
                CREATE TABLE access_keys (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    secret_sha256 TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL DEFAULT 0,
                    last_used_at INTEGER NOT NULL DEFAULT 0,
                    revoked_at INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX access_keys_by_user ON access_keys(user_id);
                """),
    ]
}
