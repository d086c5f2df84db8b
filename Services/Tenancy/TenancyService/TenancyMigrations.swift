import BerthStore

/// The numbered schema of `tenancy.db`. Append only: a released migration is never edited.
enum TenancyMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "teams",
            sql: """
                CREATE TABLE teams (
                    name TEXT PRIMARY KEY,
                    display_name TEXT NOT NULL DEFAULT '',
                    groups_json TEXT NOT NULL DEFAULT '[]',
                    created_at INTEGER NOT NULL
                );
                """),
        Migration(
            version: 2, name: "templates and spaces",
            sql: """
                CREATE TABLE templates (
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    body_json TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (name, version)
                );
                CREATE TABLE spaces (
                    cluster TEXT NOT NULL,
                    name TEXT NOT NULL,
                    team TEXT,
                    owner TEXT NOT NULL,
                    template TEXT NOT NULL,
                    template_version INTEGER NOT NULL,
                    values_json TEXT NOT NULL DEFAULT '{}',
                    labels_json TEXT NOT NULL DEFAULT '{}',
                    expires_at INTEGER,
                    delete_protection INTEGER NOT NULL DEFAULT 0,
                    phase TEXT NOT NULL,
                    message TEXT NOT NULL DEFAULT '',
                    deleting INTEGER NOT NULL DEFAULT 0,
                    generation INTEGER NOT NULL DEFAULT 1,
                    observed_generation INTEGER NOT NULL DEFAULT 0,
                    applied_kinds_json TEXT NOT NULL DEFAULT '[]',
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (cluster, name),
                    FOREIGN KEY (template, template_version) REFERENCES templates (name, version)
                );
                CREATE INDEX spaces_by_team ON spaces (team, name);
                CREATE INDEX spaces_by_owner ON spaces (owner, name);
                """),
        Migration(
            version: 3, name: "team roles and quotas",
            sql: """
                ALTER TABLE teams ADD COLUMN members_json TEXT NOT NULL DEFAULT '[]';
                ALTER TABLE teams ADD COLUMN quota_json TEXT NOT NULL DEFAULT '{}';
                """),
        Migration(
            version: 4, name: "clusters",
            sql: """
                CREATE TABLE clusters (
                    name TEXT PRIMARY KEY,
                    kubeconfig TEXT NOT NULL,
                    context TEXT NOT NULL DEFAULT '',
                    is_default INTEGER NOT NULL DEFAULT 0,
                    health TEXT NOT NULL DEFAULT 'Unknown',
                    message TEXT NOT NULL DEFAULT '',
                    checked_at INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX clusters_one_default ON clusters (is_default) WHERE is_default = 1;
                """),
    ]
}
