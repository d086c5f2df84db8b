import BerthStore

/// The numbered schema of `sleep.db`. Append only: a released migration is never edited.
enum SleepMigrations {
    static let all: [Migration] = [
        Migration(
            version: 1, name: "space policies",
            sql: """
                CREATE TABLE space_policies (
                    space TEXT PRIMARY KEY,
                    sleep_after_seconds INTEGER NOT NULL
                );
                """),
    ]
}
