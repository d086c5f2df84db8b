import ArgumentParser

/// `berth admin …`: operating the Berth host itself (local admins: root or berth-admin).
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Prepare, back up and restore Berth's state (local admins only).",
        subcommands: [AdminInitCommand.self, AdminBackupCommand.self, AdminRestoreCommand.self, AdminLdapCommand.self])
}
