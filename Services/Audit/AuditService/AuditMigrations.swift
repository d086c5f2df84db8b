import BerthStore

/// The numbered schema of `audit.db`. Append only: a released migration is never edited.
enum AuditMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "events",
            sql: """
                CREATE TABLE events (
                    sequence INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    time_unix_nanos INTEGER NOT NULL,
                    action TEXT NOT NULL,
                    event BLOB NOT NULL,
                    previous_hash BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE INDEX events_time ON events (time_unix_nanos);
                CREATE INDEX events_action ON events (action);
                """),
    ]
}
