import ArgumentParser
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation

/// `berth admin restore DIR`: puts a backup's databases and keys back into the state directory, Berth stopped.
struct AdminRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup into the state directory (Berth must be stopped).",
        discussion: """
            Refuses while any Berth socket answers (stop berthd first: systemctl stop berthd), verifies every file
            against DIR/manifest.json, then copies the databases and keys into the state directory (--state-dir, or
            paths.stateDir from the config). Files already there are kept unless --force, which moves them to
            <stateDir>/pre-restore-<time>/ first (with the databases' -wal/-shm files, which must not outlive
            their database). As root, restored files are given to the state directory's owner.
            """)

    @Argument(help: "A directory written by `berth admin backup`.") var directory: String
    @Flag(help: "Replace existing databases and keys (they are moved aside, not deleted).") var force = false
    @OptionGroup var client: ClientOptions

    func run() async throws {
        let config = try client.common.loadConfig()
        let paths = BerthPaths(config: config)
        let source = AdminStateFiles.absolute(directory)
        try await Self.refuseWhileRunning(paths)

        let manifest = try AdminBackupManifest.read(from: source)
        try manifest.verify(in: source)

        let state = paths.stateDirectory
        if !AdminStateFiles.isDirectory(state) { try AdminStateFiles.makeDirectory(state, mode: 0o700) }
        let owner = AdminStateFiles.owner(of: state)
        let replaced = try Self.moveAside(manifest, in: state, force: force, owner: owner)

        for file in manifest.files {
            try AdminStateFiles.copyPrivateFile(
                from: (source as NSString).appendingPathComponent(file.path),
                to: (state as NSString).appendingPathComponent(file.path), owner: owner)
        }
        print("restored \(manifest.files.count) files (Berth \(manifest.berthVersion)) into \(state)")
        if let replaced { print("the files they replaced are in \(replaced)") }
        print("start Berth again: systemctl start berthd")
    }

    /// Throws when berthd or any service answers on its socket: restoring under a running service would be lost
    /// or corrupt its database.
    static func refuseWhileRunning(_ paths: BerthPaths) async throws {
        let sockets = [paths.supervisorSocketPath] + ServiceName.startOrder.map { paths.socketPath(for: $0) }
        for socket in sockets where FileManager.default.fileExists(atPath: socket) {
            do {
                _ = try await UnixRPCClient.call(
                    socketPath: socket, HealthV1.check, HealthV1.HealthCheckRequest(), deadline: .seconds(2))
            } catch where error.code == .unavailable {
                continue  // a stale socket file: nothing listens
            } catch {}
            throw AdminError(
                .servicesRunning,
                "\(socket) answers: Berth is running; stop it first (systemctl stop berthd, or SIGTERM to berthd), "
                    + "then restore")
        }
    }

    /// Moves the state files the backup would replace (and their -wal/-shm) to a new directory; throws without
    /// `force` when there are any. Returns that directory, or nil when nothing was in the way.
    static func moveAside(
        _ manifest: AdminBackupManifest, in state: String, force: Bool, owner: (uid: uid_t, gid: gid_t)?
    ) throws -> String? {
        let companions = manifest.files.flatMap { file in
            file.service == nil ? [file.path] : [file.path, file.path + "-wal", file.path + "-shm"]
        }
        let existing = companions.filter {
            FileManager.default.fileExists(atPath: (state as NSString).appendingPathComponent($0))
        }
        guard !existing.isEmpty else { return nil }
        guard force else {
            throw AdminError(
                .fileExists,
                "\(state) already holds \(existing.joined(separator: ", ")): restore into an empty state directory, "
                    + "or pass --force to move these aside first")
        }
        let aside = (state as NSString).appendingPathComponent("pre-restore-\(Int(Date().timeIntervalSince1970))")
        try AdminStateFiles.makeDirectory(aside, mode: 0o700)
        try AdminStateFiles.handOver(aside, to: owner)
        for path in existing {
            let destination = (aside as NSString).appendingPathComponent(path)
            try AdminStateFiles.makeDirectory((destination as NSString).deletingLastPathComponent, mode: 0o700)
            do {
                try FileManager.default.moveItem(
                    atPath: (state as NSString).appendingPathComponent(path), toPath: destination)
            } catch {
                throw AdminError(.fileSystem, "cannot move \(path) aside into \(aside) (\(error)): check permissions")
            }
        }
        return aside
    }
}
