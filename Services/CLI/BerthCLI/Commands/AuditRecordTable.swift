import BerthRPC
import Foundation

/// The table `berth audit tail` and `berth audit query` print: one row per event.
enum AuditRecordTable {
    static let header = ["SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "TEAM", "SPACE", "OUTCOME"]

    static func table(_ records: [AuditV1.Record]) -> Table {
        Table(header: header, rows: records.map(row))
    }

    static func row(_ record: AuditV1.Record) -> [String] {
        let event = record.event ?? AuditV1.Event()
        let time = Date(timeIntervalSince1970: TimeInterval(event.timeUnixNanos) / 1e9)
        let target = event.target.map { "\($0.kind)/\($0.name)" } ?? "-"
        let actor = event.actor.map { $0.username.isEmpty ? $0.subject : $0.username } ?? "-"
        return [
            "\(record.sequence)", ISO8601DateFormatter().string(from: time), actor.isEmpty ? "-" : actor,
            event.action, target, dash(event.target?.team), dash(event.target?.space), outcome(event.outcome),
        ]
    }

    static func outcome(_ outcome: AuditV1.Outcome) -> String {
        switch outcome {
        case .unspecified: "-"
        case .allowed: "allowed"
        case .denied: "denied"
        case .failed: "failed"
        }
    }

    private static func dash(_ value: String?) -> String { (value ?? "").isEmpty ? "-" : value ?? "-" }
}
