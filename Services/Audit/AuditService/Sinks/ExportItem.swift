import BerthRPC

/// One thing a sink exports, in chain order: an event record, or a signed checkpoint (so a receiver off the host
/// holds signed heads of the chain, and a rewrite of the whole database is detectable there).
enum ExportItem: Sendable, Equatable {
    case record(AuditV1.Record)
    case checkpoint(AuditV1.Checkpoint)

    var sequence: UInt64 {
        switch self {
        case .record(let record): record.sequence
        case .checkpoint(let checkpoint): checkpoint.sequence
        }
    }

    /// Records and checkpoints in one stream: by sequence, a checkpoint right after the event it signs.
    static func merged(records: [AuditV1.Record], checkpoints: [AuditV1.Checkpoint]) -> [ExportItem] {
        var items: [ExportItem] = []
        items.reserveCapacity(records.count + checkpoints.count)
        var pending = checkpoints[...]
        for record in records {
            while let checkpoint = pending.first, checkpoint.sequence < record.sequence {
                items.append(.checkpoint(checkpoint))
                pending = pending.dropFirst()
            }
            items.append(.record(record))
        }
        items += pending.map(ExportItem.checkpoint)
        return items
    }

    /// The JSON object the file and webhook sinks write (the syslog sink's message body): `"type"` is `event` or
    /// `checkpoint`.
    func jsonLine() throws -> [UInt8] {
        switch self {
        case .record(let record): try ExportedRecord(record).jsonLine()
        case .checkpoint(let checkpoint): try ExportedCheckpoint(checkpoint).jsonLine()
        }
    }
}
