import BerthModel
import BerthRPC
import BerthStore
import Foundation

/// Serves `berth.admin.v1.Admin/Backup` for one service's database: a consistent online copy
/// (`BerthDatabase.backup(to:)`, SQLite's backup API from a read snapshot) written as `<directory>/<service>.db`.
///
/// The directory must be absolute and exist already (`berth admin backup` creates it and hands it to the service's
/// user); a file already there is never overwritten. The copy runs on the calling task: SQLite copies a Berth
/// database of a few hundred MB in about a second, and the service's writers keep going meanwhile.
struct BackupHandler: Sendable {
    let service: ServiceName
    let database: BerthDatabase

    func backup(_ request: AdminV1.BackupRequest) throws -> AdminV1.BackupResponse {
        let directory = request.directory
        guard directory.hasPrefix("/") else {
            throw BerthRuntimeError(
                code: .invalidRequest,
                message: "backup directory \"\(directory)\" is not an absolute path: give the full path, "
                    + "e.g. /var/backups/berth/2026-01-31")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw BerthRuntimeError(
                code: .backupFailed,
                message: "backup directory \(directory) does not exist or is not a directory: create it, writable "
                    + "by the user running Berth (berth admin backup does this for you)")
        }
        let fileName = (database.path as NSString).lastPathComponent
        let file = (directory as NSString).appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: file) {
            throw BerthRuntimeError(
                code: .alreadyExists,
                message: "backup file \(file) already exists: back up into a new, empty directory "
                    + "(a backup never overwrites)")
        }
        do {
            try database.backup(to: file)
        } catch let error as BerthStoreError {
            throw BerthRuntimeError(code: .backupFailed, message: error.message)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.uint64Value ?? 0
        return AdminV1.BackupResponse(
            service: service.rawValue, file: file, schemaVersion: Int64(database.schemaVersion), sizeBytes: size,
            berthVersion: BerthVersion.current)
    }
}
