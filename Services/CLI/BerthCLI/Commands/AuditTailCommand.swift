import ArgumentParser
import BerthRPC
import Foundation

/// `berth audit tail [-f]`
struct AuditTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Show the newest audit events; -f keeps printing new ones as they arrive.")

    @Option(help: "How many events (at most 1000).") var limit: UInt32 = 20
    @Flag(name: .shortAndLong, help: "Follow: keep polling for new events until interrupted.") var follow = false
    @Option(help: "With -f, how often to poll, in milliseconds.") var pollMilliseconds: Int = 1000
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let audit = try client.client(for: .audit)
        let records = Array(try await audit.unary(AuditV1.tail, AuditV1.TailRequest(limit: limit)).records.reversed())
        try print(records, header: true)
        guard follow else { return }
        var last = records.last?.sequence ?? 0
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(pollMilliseconds))
            // Oldest first after the last one seen: nothing is skipped however many arrive between polls.
            var token = ""
            repeat {
                let page = try await audit.unary(
                    AuditV1.query,
                    AuditV1.QueryRequest(oldestFirst: true, pageSize: 1000, pageToken: token, afterSequence: last))
                try print(page.records, header: false)
                last = page.records.last?.sequence ?? last
                token = page.nextPageToken
            } while !token.isEmpty
        }
    }

    /// Unbuffered, so a follower piped into a file or another program sees each event as it arrives.
    private func emit(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    private func print(_ records: [AuditV1.Record], header: Bool) throws {
        switch output {
        case .table:
            guard header || !records.isEmpty else { return }
            // While following, later pages continue the table without repeating its header.
            let lines = AuditRecordTable.table(records).rendered.split(separator: "\n")
            emit(lines.dropFirst(header ? 0 : 1).joined(separator: "\n"))
        case .json, .yaml:
            if follow {
                // One JSON object per line while following (a stream, not one document).
                for record in records {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    emit(String(decoding: try encoder.encode(record), as: UTF8.self))
                }
            } else {
                try output.print(records) { AuditRecordTable.table(records) }
            }
        }
    }
}
