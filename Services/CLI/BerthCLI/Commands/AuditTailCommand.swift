import ArgumentParser
import BerthRPC
import Foundation

/// `berth audit tail`
struct AuditTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tail", abstract: "Show the newest audit events.")

    @Option(help: "How many events (at most 1000).") var limit: UInt32 = 20
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let audit = try client.client(for: .audit)
        let records = try await audit.unary(AuditV1.tail, AuditV1.TailRequest(limit: limit)).records
        try output.print(records) {
            Table(
                header: ["SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "OUTCOME"],
                rows: records.map { record in
                    let event = record.event ?? AuditV1.Event()
                    let time = Date(timeIntervalSince1970: TimeInterval(event.timeUnixNanos) / 1e9)
                    let target = event.target.map { "\($0.kind)/\($0.name)" } ?? "-"
                    return [
                        "\(record.sequence)", ISO8601DateFormatter().string(from: time),
                        event.actor?.username ?? "-", event.action, target, "\(event.outcome)",
                    ]
                })
        }
    }
}
