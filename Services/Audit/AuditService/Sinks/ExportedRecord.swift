import BerthCrypto
import BerthRPC
import Foundation

/// One record as the sinks write it: JSON with the event, its sequence, its chain hashes in hex and an RFC 3339
/// time (so a line makes sense to a person and a log shipper without Berth's protobuf schema).
struct ExportedRecord: Encodable {
    let sequence: UInt64
    let time: String
    let hash: String
    let previousHash: String
    let event: AuditV1.Event

    init(_ record: AuditV1.Record) {
        sequence = record.sequence
        let event = record.event ?? AuditV1.Event()
        self.event = event
        let seconds = TimeInterval(event.timeUnixNanos) / 1e9
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        time = formatter.string(from: Date(timeIntervalSince1970: seconds))
        hash = [UInt8](record.hash).hexString
        previousHash = [UInt8](record.previousHash).hexString
    }

    /// Compact JSON with sorted keys: one line.
    func jsonLine() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
