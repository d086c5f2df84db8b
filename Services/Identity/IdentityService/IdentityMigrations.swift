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
        // Version 4 (OAuth flows) comes from another branch; until it is merged it is an empty placeholder so that
        // 5 can exist (SchemaMigrator refuses gaps).
        Migration(version: 4, name: "placeholder for the OAuth migration") { _ in },
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
