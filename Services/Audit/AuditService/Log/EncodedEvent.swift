import BerthRPC

/// An event ready to store: its canonical protobuf bytes (what the chain hashes) and the filterable fields that
/// become indexed columns. Built before the write transaction, so encoding never runs under the write lock.
struct EncodedEvent: Sendable {
    let id: String
    let timeUnixNanos: Int64
    let action: String
    let bytes: [UInt8]
    let actionNoun: String
    let actorSubject: String
    let actorUsername: String
    let targetKind: String
    let targetName: String
    let team: String
    let space: String
    let cluster: String
    let outcome: Int32

    init(_ event: AuditV1.Event) throws {
        id = event.id
        timeUnixNanos = event.timeUnixNanos
        action = event.action
        bytes = try ProtoCodec.encode(event)
        actionNoun = String(event.action.prefix { $0 != "." })
        actorSubject = event.actor?.subject ?? ""
        actorUsername = event.actor?.username ?? ""
        targetKind = event.target?.kind ?? ""
        targetName = event.target?.name ?? ""
        team = event.target?.team ?? ""
        space = event.target?.space ?? ""
        cluster = event.target?.cluster ?? ""
        outcome = event.outcome.rawValue
    }
}

/// Where an appended event ended up.
struct AppendOutcome: Sendable, Equatable {
    let sequence: UInt64
    /// Already stored under this id: nothing was written, `sequence` is the first one.
    let duplicate: Bool
}
