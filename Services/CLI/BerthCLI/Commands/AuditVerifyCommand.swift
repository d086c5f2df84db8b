import ArgumentParser
import BerthAuditChain
import BerthCrypto
import BerthRPC
import Foundation

/// `berth audit verify` — over the socket, or offline with `--database FILE --public-key FILE`.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute the audit hash chain and check every signed checkpoint.",
        discussion: """
            Without options, asks berth-audit to verify its own database. With --database and --public-key, verifies
            a copy of audit.db offline (berth-audit need not run): use the public key you exported earlier
            (audit-signing-key.pub.pem), not one read from the same host, to detect a rewrite of the whole file.
            Exits 1 and names the first bad sequence when the log does not verify.
            """)

    @Option(help: "A copy of audit.db to verify offline.") var database: String?
    @Option(help: "With --database: the PEM public key that signs checkpoints.") var publicKey: String?
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func validate() throws {
        if (database == nil) != (publicKey == nil) {
            throw ValidationError("--database and --public-key go together: give both to verify a copy offline")
        }
    }

    func run() async throws {
        let result: AuditV1.VerifyResponse
        if let database, let publicKey {
            let pem: String
            do {
                pem = try String(contentsOfFile: publicKey, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read --public-key \(publicKey): \(error.localizedDescription)")
            }
            let key = try ECPublicKey(pem: pem)
            result = try AuditVerifier(publicKey: key).verify(databaseAt: database)
        } else {
            // Verifying reads the whole log: give it minutes, not the usual call timeout.
            result = try await client.client(for: .audit).unary(
                AuditV1.verify, AuditV1.VerifyRequest(), deadline: .seconds(max(client.timeoutSeconds, 600)))
        }
        try output.print(result) { Self.table(result) }
        if !result.ok { throw ExitCode(1) }
    }

    static func table(_ result: AuditV1.VerifyResponse) -> Table {
        var rows = [
            ["result", result.ok ? "ok" : "FAILED"],
            ["events checked", "\(result.eventsChecked)"],
            ["checkpoints checked", "\(result.checkpointsChecked)"],
            ["first sequence", "\(result.firstSequence)"],
            ["head sequence", "\(result.headSequence)"],
        ]
        if !result.ok {
            rows += [
                ["problem", problemName(result.problem)], ["first bad sequence", "\(result.firstBadSequence)"],
                ["detail", result.detail],
            ]
        }
        return Table(header: ["CHECK", "VALUE"], rows: rows)
    }

    static func problemName(_ problem: AuditV1.VerifyProblem) -> String {
        switch problem {
        case .unspecified: "none"
        case .modified: "modified"
        case .deleted: "deleted"
        case .inserted: "inserted"
        case .reordered: "reordered"
        case .badSignature: "bad signature"
        case .checkpointMismatch: "head does not match checkpoint"
        case .unanchored: "unanchored"
        }
    }
}
