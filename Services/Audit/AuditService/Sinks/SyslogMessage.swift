import BerthRPC
import Foundation

/// RFC 5424 formatting of one audit record:
/// `<PRI>1 TIMESTAMP HOSTNAME berth-audit PROCID ACTION [berth@32473 seq="N"] JSON`.
///
/// Facility authpriv (10); severity notice (5) for allowed events, warning (4) for denied and failed ones.
/// 32473 is the private enterprise number RFC 5612 reserves for examples: replace it if you own one.
enum SyslogMessage {
    static let facility = 10

    static func format(_ record: AuditV1.Record, hostname: String, processID: Int32) throws -> [UInt8] {
        let exported = ExportedRecord(record)
        let event = exported.event
        let severity = event.outcome == .denied || event.outcome == .failed ? 4 : 5
        let msgID = event.action.isEmpty ? "-" : String(event.action.prefix(32))
        let header = "<\(facility * 8 + severity)>1 \(exported.time) \(hostname) berth-audit \(processID) \(msgID) "
            + "[berth@32473 seq=\"\(record.sequence)\"] "
        return Array(header.utf8) + (try exported.jsonLine())
    }

    /// RFC 6587 octet counting for stream transports: `LENGTH SP MESSAGE`.
    static func octetCounted(_ message: [UInt8]) -> [UInt8] {
        Array("\(message.count) ".utf8) + message
    }

    static var hostname: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "-" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "-" : name
    }
}
