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
        // The last sign of use per (cluster, namespace): inactivity is measured from here. One row per pair,
        // moved forward only (an upsert keeping the larger time), so late or repeated reports do no harm.
        Migration(
            version: 2, name: "namespace activity",
            sql: """
                CREATE TABLE namespace_activity (
                    cluster TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    last_time_unix_nanos INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (cluster, namespace)
                );
                """),
        // What sleep changed, written before each change so that a crash never loses an original value: the
        // space's transition state, and per workload the value wake must restore.
        Migration(
            version: 3, name: "sleep state",
            sql: """
                CREATE TABLE space_sleep (
                    cluster TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    state TEXT NOT NULL,
                    reason TEXT NOT NULL DEFAULT '',
                    changed_at_unix INTEGER NOT NULL,
                    PRIMARY KEY (cluster, namespace)
                );
                CREATE TABLE slept_workloads (
                    cluster TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    original INTEGER NOT NULL,
                    PRIMARY KEY (cluster, namespace, kind, name)
                );
                """),
        // Issue 6's controller: policies per level (cluster, team, space; the wire form as JSON), what a space's
        // last transition did and whether it must stay asleep, the deletion warning, and the asleep periods with
        // the requests they did not hold (savings). `space_policies` (migration 1) is the legacy SetPolicy store.
        Migration(
            version: 4, name: "sleep controller",
            sql: """
                CREATE TABLE sleep_policies (
                    scope TEXT PRIMARY KEY,
                    policy_json TEXT NOT NULL
                );
                ALTER TABLE space_sleep ADD COLUMN prevent_wake INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE space_sleep ADD COLUMN delete_warned_at_unix INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE space_sleep ADD COLUMN last_report_json TEXT NOT NULL DEFAULT '';
                CREATE TABLE sleep_periods (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    cluster TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    team TEXT NOT NULL,
                    slept_at_unix INTEGER NOT NULL,
                    woke_at_unix INTEGER,
                    cpu_millis INTEGER NOT NULL,
                    memory_bytes INTEGER NOT NULL
                );
                CREATE INDEX sleep_periods_open ON sleep_periods (cluster, namespace) WHERE woke_at_unix IS NULL;
                """),
    ]
}
