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
    ]
}
