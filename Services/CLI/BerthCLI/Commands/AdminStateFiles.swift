import Foundation
import Glibc

/// File-system steps of backup and restore that are not RPCs: directories with Berth's modes, ownership for the
/// service's user, copying the keys tree.
enum AdminStateFiles {
    /// `path` as an absolute, standardized path (relative paths are taken from the current directory).
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Creates `path` (and parents) with `mode` on the last component.
    static func makeDirectory(_ path: String, mode: mode_t) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw AdminError(.fileSystem, "cannot create \(path) (\(error)): check the parent directory's permissions")
        }
        chmod(path, mode)
    }

    /// The owner and group of `path`, or nil when it cannot be read.
    static func owner(of path: String) -> (uid: uid_t, gid: gid_t)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_uid, info.st_gid)
    }

    /// When running as root, gives `path` to `owner` (the service's user): it is the one that writes there.
    static func handOver(_ path: String, to owner: (uid: uid_t, gid: gid_t)?) throws {
        guard getuid() == 0, let owner, owner.uid != 0 || owner.gid != 0 else { return }
        guard chown(path, owner.uid, owner.gid) == 0 else {
            throw AdminError(.fileSystem, "cannot give \(path) to uid \(owner.uid): \(String(cString: strerror(errno)))")
        }
    }

    /// Every regular file under `directory`, as paths relative to it, sorted.
    static func files(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(relative)
            }
        }
        return result.sorted()
    }

    /// The key material in the state directory, as paths relative to it, sorted: every top-level file named
    /// `*.pem`, `*.key`, `*.crt` or `*-password` (audit's signing key, identity's bootstrap password…) and every
    /// file under `keys/` and `tls/`. Databases are not here: each service copies its own online.
    static func keyFiles(in state: String) -> [String] {
        let topLevel = ((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []).filter { name in
            var isDirectory: ObjCBool = false
            let path = (state as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { return false }
            return [".pem", ".key", ".crt", "-password"].contains { name.hasSuffix($0) }
        }
        let nested = ["keys", "tls"].flatMap { directory in
            files(under: (state as NSString).appendingPathComponent(directory)).map { directory + "/" + $0 }
        }
        return (topLevel + nested).sorted()
    }

    /// Copies one file to `destination` (creating its parent directories 0700) with mode 0600: backups and state
    /// hold databases and keys, readable by their owner only.
    static func copyPrivateFile(from source: String, to destination: String, owner: (uid: uid_t, gid: gid_t)?) throws {
        let parent = (destination as NSString).deletingLastPathComponent
        if !isDirectory(parent) {
            try makeDirectory(parent, mode: 0o700)
            try handOver(parent, to: owner)
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw AdminError(.fileSystem, "cannot read \(source): run as root or as the user that owns it")
        }
        guard FileManager.default.createFile(atPath: destination, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw AdminError(.fileSystem, "cannot write \(destination): check free space and permissions") }
        try handOver(destination, to: owner)
    }
}
