/// The runtime module's error: a stable code for programs and a message that names the thing, the problem
/// and the fix.
///
/// A struct wrapping a private enum (the swift-service-lifecycle `ServiceGroupError` pattern): adding a case
/// breaks no caller that switches on `code`. Config errors also carry the key they are about (`gateway.listen`,
/// `BERTH_RPC_MAX_MESSAGE_BYTES`, `--state-dir`), so `berthd --check-config` and tests can point at it.
public struct BerthRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConfig, configFileUnreadable, directoryUnavailable, notifyFailed
            case invalidRequest, alreadyExists, backupFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A config value (from the file, the environment or a flag) is malformed or fails validation.
        public static let invalidConfig = Code(.invalidConfig)
        /// The config file named by `--config` / `$BERTH_CONFIG` cannot be read or is not YAML.
        public static let configFileUnreadable = Code(.configFileUnreadable)
        /// The state or runtime directory is missing and cannot be created, or is not a directory.
        public static let directoryUnavailable = Code(.directoryUnavailable)
        /// A message to systemd's `$NOTIFY_SOCKET` could not be sent.
        public static let notifyFailed = Code(.notifyFailed)
        /// An admin request the host serves itself (`berth.admin.v1`) is malformed (a relative path…).
        public static let invalidRequest = Code(.invalidRequest)
        /// An admin request would overwrite something (a backup file already there).
        public static let alreadyExists = Code(.alreadyExists)
        /// A backup could not be written (permissions, space, a service without a database).
        public static let backupFailed = Code(.backupFailed)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String
    /// The config keys (or environment variables, or flags) the error is about, in the order found.
    public let keys: [String]

    public init(code: Code, message: String, keys: [String] = []) {
        self.code = code
        self.message = message
        self.keys = keys
    }

    public var description: String { message }
}

/// One problem with one config key, found while decoding or validating. Collected so that an operator sees
/// every mistake in one run instead of fixing them one restart at a time.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// `gateway.listen`, `BERTH_RPC_MAX_MESSAGE_BYTES` or `--state-dir`: what the operator wrote.
    public let key: String
    /// What is wrong and how to fix it, without the key.
    public let problem: String
    /// Where the key was written, when it came from the file (`/etc/berth/berth.yaml line 12`).
    public let location: String?

    public init(key: String, problem: String, location: String? = nil) {
        self.key = key
        self.problem = problem
        self.location = location
    }

    public var description: String {
        location.map { "\(key): \(problem) (\($0))" } ?? "\(key): \(problem)"
    }
}

extension BerthRuntimeError {
    static func invalidConfig(_ problems: [ConfigProblem]) -> BerthRuntimeError {
        let lines = problems.map(\.description)
        let message =
            lines.count == 1
            ? lines[0]
            : "\(lines.count) configuration problems:\n  " + lines.joined(separator: "\n  ")
        return BerthRuntimeError(code: .invalidConfig, message: message, keys: problems.map(\.key))
    }
}
