import BerthCrypto
import Foundation

/// `manifest.json` at the top of a backup directory: which Berth wrote it, and every file with its size and
/// SHA-256, so that `berth admin restore` can refuse a damaged or incomplete backup before touching any state.
struct AdminBackupManifest: Codable, Equatable {
    static let fileName = "manifest.json"
    /// Bumped when the layout changes; restore refuses formats it does not know.
    static let currentFormat = 1

    var format: Int
    var berthVersion: String
    var createdUnixSeconds: Int64
    var files: [File]

    struct File: Codable, Equatable {
        /// Relative to the backup directory (and to the state directory on restore): `tenancy.db`, `keys/…`.
        var path: String
        var sizeBytes: UInt64
        var sha256: String
        /// For databases: the service that owns it and its schema version when backed up.
        var service: String?
        var schemaVersion: Int64?
    }

    /// The size and SHA-256 of `relativePath` under `directory`.
    static func describe(_ relativePath: String, in directory: String) throws -> File {
        let path = (directory as NSString).appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdminError(.fileSystem, "cannot read \(path): check that it exists and that you may read it (run as root)")
        }
        let digest = try SHA256.digest([UInt8](data)).hexString
        return File(path: relativePath, sizeBytes: UInt64(data.count), sha256: digest)
    }

    func write(to directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        guard FileManager.default.createFile(atPath: path, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600])
        else { throw AdminError(.fileSystem, "cannot write \(path): check free space and permissions") }
    }

    static func read(from directory: String) throws -> AdminBackupManifest {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AdminError(
                .manifestInvalid,
                "\(path) is missing or unreadable: give the directory `berth admin backup` wrote (it holds manifest.json)")
        }
        let manifest: AdminBackupManifest
        do {
            manifest = try JSONDecoder().decode(AdminBackupManifest.self, from: data)
        } catch {
            throw AdminError(.manifestInvalid, "\(path) is not a Berth backup manifest (\(error)): the backup is damaged")
        }
        guard manifest.format == currentFormat else {
            throw AdminError(
                .manifestInvalid,
                "\(path) has format \(manifest.format), this berth reads format \(currentFormat): restore with the "
                    + "Berth release that wrote it (\(manifest.berthVersion))")
        }
        return manifest
    }

    /// Checks every file against its recorded size and SHA-256; throws naming the first that differs.
    func verify(in directory: String) throws {
        for file in files {
            guard !file.path.hasPrefix("/"), !file.path.split(separator: "/").contains("..") else {
                throw AdminError(.manifestInvalid, "manifest names \(file.path) outside the backup: the manifest is damaged")
            }
            let actual = try Self.describe(file.path, in: directory)
            guard actual.sha256 == file.sha256, actual.sizeBytes == file.sizeBytes else {
                throw AdminError(
                    .checksumMismatch,
                    "\(file.path) in \(directory) does not match the manifest (sha256 \(actual.sha256), expected "
                        + "\(file.sha256)): the backup is damaged or was changed; use another backup")
            }
        }
    }
}
