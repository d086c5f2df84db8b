import BerthModel
import Foundation

/// Every file path Berth uses, derived from the config in one place (tailscale: the socket path comes from
/// one function), so the supervisor, the services and the CLI cannot disagree about where a socket is.
public struct BerthPaths: Sendable, Equatable {
    public let stateDirectory: String
    public let runtimeDirectory: String
    public let binDirectory: String

    public init(stateDirectory: String, runtimeDirectory: String, binDirectory: String) {
        self.stateDirectory = stateDirectory
        self.runtimeDirectory = runtimeDirectory
        self.binDirectory = binDirectory
    }

    public init(_ paths: BerthConfig.Paths) {
        self.init(stateDirectory: paths.stateDir, runtimeDirectory: paths.runtimeDir, binDirectory: paths.binDir)
    }

    public init(config: BerthConfig) {
        self.init(config.paths)
    }

    /// `<runtimeDir>/<service>.sock`, e.g. `/run/berth/audit.sock`.
    public func socketPath(for service: ServiceName) -> String {
        join(runtimeDirectory, service.socketFileName)
    }

    /// `<runtimeDir>/berthd.sock`: the supervisor's status socket.
    public var supervisorSocketPath: String { join(runtimeDirectory, supervisorSocketFileName) }

    /// `<stateDir>/<service>.db`, or nil for the gateway, which owns no data.
    public func databasePath(for service: ServiceName) -> String? {
        service.databaseFileName.map { join(stateDirectory, $0) }
    }

    /// `<stateDir>/spool/<service>`: audit events a service could not deliver yet, replayed later.
    public func spoolDirectory(for service: ServiceName) -> String {
        join(join(stateDirectory, "spool"), service.rawValue)
    }

    /// `<binDir>/berth-<service>`: what the supervisor executes.
    public func executablePath(for service: ServiceName) -> String {
        join(binDirectory, service.executableName)
    }

    /// Creates the state directory (0700: databases and keys) and the runtime directory (0750: sockets,
    /// reachable by the `berth` group) when missing. Existing directories are left as they are: under
    /// systemd, `StateDirectory=`/`RuntimeDirectory=` own their modes.
    public func prepare() throws {
        try Self.makeDirectory(stateDirectory, mode: 0o700, role: "state directory", key: "paths.stateDir")
        try Self.makeDirectory(runtimeDirectory, mode: 0o750, role: "runtime directory", key: "paths.runtimeDir")
    }

    /// Creates the spool directory of `service` (0700) and its parent when missing.
    public func prepareSpoolDirectory(for service: ServiceName) throws {
        try Self.makeDirectory(
            spoolDirectory(for: service), mode: 0o700, role: "spool directory", key: "paths.stateDir")
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `mkdir -p` whose last component gets exactly `mode` (umask does not apply); parents get 0755.
    static func makeDirectory(_ path: String, mode: mode_t, role: String, key: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw BerthRuntimeError(
                    code: .directoryUnavailable,
                    message: "\(role) \(path) exists but is not a directory: move the file away or set \(key) "
                        + "to another path",
                    keys: [key])
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, !FileManager.default.fileExists(atPath: parent) {
            try makeDirectory(parent, mode: 0o755, role: role + " parent", key: key)
        }
        if mkdir(path, mode) != 0 {
            let code = errno
            if code == EEXIST { return try makeDirectory(path, mode: mode, role: role, key: key) }
            throw directoryError(path, role: role, key: key, errno: code)
        }
        if chmod(path, mode) != 0 {
            throw directoryError(path, role: role, key: key, errno: errno)
        }
    }

    private static func directoryError(_ path: String, role: String, key: String, errno code: Int32)
        -> BerthRuntimeError
    {
        let reason = String(cString: strerror(code))
        let fix: String
        switch code {
        case EACCES, EPERM:
            fix = "run as a user that may create it (under systemd, StateDirectory=berth / RuntimeDirectory=berth "
                + "create it for you), create it yourself (install -d -o berth \(path)), or set \(key) "
                + "(--state-dir/--runtime-dir) to a directory you own"
        case EROFS:
            fix = "the file system is read-only: set \(key) to a writable directory"
        default:
            fix = "set \(key) to a directory that can be created"
        }
        return BerthRuntimeError(
            code: .directoryUnavailable, message: "cannot create \(role) \(path): \(reason.lowercased()): \(fix)",
            keys: [key])
    }
}
