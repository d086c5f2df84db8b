/// The tables of `audit.db` the verifier reads. AuditService's migrations create them; this is the contract
/// between the two (a migration that renames one of these must change the verifier too).
///
/// - `events(sequence INTEGER PRIMARY KEY, event BLOB, previous_hash BLOB, hash BLOB, …)`
/// - `checkpoints(sequence INTEGER PRIMARY KEY, head_hash BLOB, time_unix_nanos INTEGER, signature BLOB, key_id TEXT)`
/// - `chain_anchor(id = 1, sequence INTEGER, hash BLOB)`: after retention pruned events `…sequence`, the hash of
///   event `sequence` (the new genesis; a signed checkpoint at `sequence` vouches for it). No row: nothing pruned.
public enum AuditSchema {
    public static let events = "events"
    public static let checkpoints = "checkpoints"
    public static let chainAnchor = "chain_anchor"
}
