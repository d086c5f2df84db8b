import ArgumentParser
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation

/// `berth admin backup DIR`: an online backup of every service's database, the key files and a manifest.
struct AdminBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up every database and the signing keys while Berth runs.",
        discussion: """
            Each service writes a consistent copy of its database (SQLite online backup: it keeps serving) into
            DIR; then berth copies the key files of the state directory (audit-signing-key.pem and every other
            top-level *.pem, *.key, *.crt or *-password file, and everything under keys/ and tls/) and writes
            DIR/manifest.json with the Berth version,
            each database's schema version and the SHA-256 of every file. DIR must not exist or be empty; run as
            root (DIR is then given to the user that owns the state directory, so the services can write into it)
            or as that user. Restore with `berth admin restore DIR` while Berth is stopped.
            """)

    @Argument(help: "The directory to create for this backup, e.g. /var/backups/berth/2026-01-31.") var directory: String
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func run() async throws {
        let config = try client.common.loadConfig()
        let paths = BerthPaths(config: config)
        let target = AdminStateFiles.absolute(directory)
        try Self.prepare(target, stateDirectory: paths.stateDirectory)

        var files: [AdminBackupManifest.File] = []
        for service in ServiceName.startOrder where service.databaseFileName != nil {
            let response = try await client.localClient(for: service, command: "admin backup").unary(
                AdminV1.backup, AdminV1.BackupRequest(directory: target))
            var file = try AdminBackupManifest.describe((response.file as NSString).lastPathComponent, in: target)
            file.service = response.service
            file.schemaVersion = response.schemaVersion
            files.append(file)
        }

        for path in AdminStateFiles.keyFiles(in: paths.stateDirectory) {
            try AdminStateFiles.copyPrivateFile(
                from: (paths.stateDirectory as NSString).appendingPathComponent(path),
                to: (target as NSString).appendingPathComponent(path), owner: nil)
            files.append(try AdminBackupManifest.describe(path, in: target))
        }

        let manifest = AdminBackupManifest(
            format: AdminBackupManifest.currentFormat, berthVersion: BerthVersion.current,
            createdUnixSeconds: Int64(Date().timeIntervalSince1970), files: files)
        try manifest.write(to: target)
        try output.print(manifest) {
            Table(
                header: ["FILE", "SERVICE", "SCHEMA", "BYTES", "SHA256"],
                rows: files.map { file in
                    [
                        file.path, file.service ?? "-", file.schemaVersion.map(String.init) ?? "-",
                        "\(file.sizeBytes)", String(file.sha256.prefix(16)),
                    ]
                })
        }
    }

    /// Creates the backup directory 0700 (or accepts an empty one) and, as root, hands it to the state
    /// directory's owner: the services, running as that user, write the database copies into it.
    static func prepare(_ target: String, stateDirectory: String) throws {
        if FileManager.default.fileExists(atPath: target) {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? ["?"]
            guard AdminStateFiles.isDirectory(target), contents.isEmpty else {
                throw AdminError(
                    .invalidArgument,
                    "\(target) already exists and is not an empty directory: give a new directory for each backup "
                        + "(a backup never overwrites)")
            }
        } else {
            try AdminStateFiles.makeDirectory(target, mode: 0o700)
        }
        try AdminStateFiles.handOver(target, to: AdminStateFiles.owner(of: stateDirectory))
    }
}
