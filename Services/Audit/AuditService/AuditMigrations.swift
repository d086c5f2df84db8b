import BerthStore

/// The numbered schema of `audit.db`. Append only: a released migration is never edited.
///
/// The verifier in BerthAuditChain reads `events`, `checkpoints` and `chain_anchor` (see `AuditSchema`).
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
        // The filterable fields as columns beside the protobuf blob, each indexed: an index entry ends with the
        // rowid (the sequence), so `WHERE team = ? ORDER BY sequence DESC LIMIT n` walks one index backwards and
        // never sorts. Events stored before this migration keep empty columns (filters do not find them).
        Migration(
            version: 2, name: "query columns, checkpoints, retention anchor, sink cursors",
            sql: """
                ALTER TABLE events ADD COLUMN action_noun TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN actor_subject TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN actor_username TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN target_kind TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN target_name TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN team TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN space TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN cluster TEXT NOT NULL DEFAULT '';
                ALTER TABLE events ADD COLUMN outcome INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX events_action_noun ON events (action_noun);
                CREATE INDEX events_actor_subject ON events (actor_subject);
                CREATE INDEX events_actor_username ON events (actor_username);
                CREATE INDEX events_target ON events (target_kind, target_name);
                CREATE INDEX events_team ON events (team);
                CREATE INDEX events_space ON events (space);
                CREATE INDEX events_cluster ON events (cluster);
                CREATE INDEX events_outcome ON events (outcome);
                CREATE TABLE checkpoints (
                    sequence INTEGER PRIMARY KEY,
                    head_hash BLOB NOT NULL,
                    time_unix_nanos INTEGER NOT NULL,
                    signature BLOB NOT NULL,
                    key_id TEXT NOT NULL
                );
                CREATE TABLE chain_anchor (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    sequence INTEGER NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE TABLE sink_cursors (
                    name TEXT PRIMARY KEY,
                    sequence INTEGER NOT NULL
                );
                """),
        // Outgoing webhooks. A delivery keeps its own body, so retention pruning the event does not lose a
        // delivery still being retried, and redelivery sends the same bytes. `starts_after` is the head when the
        // webhook was registered: it receives what happens from then on, not the history.
        Migration(
            version: 3, name: "outgoing webhooks and their deliveries",
            sql: """
                CREATE TABLE webhooks (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    url TEXT NOT NULL,
                    secret BLOB NOT NULL,
                    action_prefixes TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_unix INTEGER NOT NULL,
                    starts_after INTEGER NOT NULL
                );
                CREATE TABLE webhook_deliveries (
                    id TEXT PRIMARY KEY,
                    webhook_id TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
                    event_sequence INTEGER NOT NULL,
                    event_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    body BLOB NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_status INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT NOT NULL DEFAULT '',
                    next_attempt_unix INTEGER NOT NULL,
                    delivered_unix INTEGER NOT NULL DEFAULT 0,
                    created_unix INTEGER NOT NULL,
                    UNIQUE (webhook_id, event_sequence)
                );
                CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_unix);
                CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_unix);
                """),
    ]
}
