import ArgumentParser
import BerthCrypto
import BerthRPC
import Foundation

/// `berth audit checkpoints` — the signed checkpoints, and the public key to export for offline verification.
struct AuditCheckpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoints", abstract: "List signed audit checkpoints; --public-key-out saves the signing key.")

    @Option(help: "Only checkpoints after this sequence.") var after: UInt64 = 0
    @Option(help: "How many (at most 1000).") var limit: UInt32 = 100
    @Option(help: "Write the public key (PEM) to this file, for `berth audit verify --public-key`.")
    var publicKeyOut: String?
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let response = try await client.client(for: .audit).unary(
            AuditV1.listCheckpoints, AuditV1.ListCheckpointsRequest(afterSequence: after, limit: limit))
        if let publicKeyOut {
            try Data(response.publicKeyPem.utf8).write(to: URL(fileURLWithPath: publicKeyOut), options: .atomic)
        }
        try output.print(response) {
            Table(
                header: ["SEQ", "TIME", "HEAD HASH", "KEY"],
                rows: response.checkpoints.map { checkpoint in
                    let time = Date(timeIntervalSince1970: TimeInterval(checkpoint.timeUnixNanos) / 1e9)
                    return [
                        "\(checkpoint.sequence)", ISO8601DateFormatter().string(from: time),
                        [UInt8](checkpoint.headHash).hexString, checkpoint.keyId,
                    ]
                })
        }
    }
}
