import BerthCrypto
import BerthRPC
import Foundation

/// One record as the sinks write it: JSON with the event, its sequence, its chain hashes in hex and an RFC 3339
/// time (so a line makes sense to a person and a log shipper without Berth's protobuf schema). `"type":"event"`
/// tells it from an `ExportedCheckpoint` in the same stream.
struct ExportedRecord: JSONLineEncodable {
    let type = "event"
    let sequence: UInt64
    let time: String
    let hash: String
    let previousHash: String
    let event: AuditV1.Event

    init(_ record: AuditV1.Record) {
        sequence = record.sequence
        let event = record.event ?? AuditV1.Event()
        self.event = event
        time = Self.rfc3339(unixNanos: event.timeUnixNanos)
        hash = [UInt8](record.hash).hexString
        previousHash = [UInt8](record.previousHash).hexString
    }

    /// RFC 3339 with milliseconds, UTC.
    static func rfc3339(unixNanos: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(unixNanos) / 1e9))
    }
}

/// What the sinks export: one compact JSON object with sorted keys, on one line.
protocol JSONLineEncodable: Encodable {}

extension JSONLineEncodable {
    func jsonLine() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }
}
