import ArgumentParser

/// `berth audit …`
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the audit log.",
        subcommands: [
            AuditTailCommand.self, AuditQueryCommand.self, AuditVerifyCommand.self, AuditCheckpointsCommand.self,
        ])
}
