/// What `berth admin …` reports when it cannot do what was asked: a stable code and a message that names the
/// thing, the problem and the fix (the STYLE.md error pattern).
struct AdminError: Error, Sendable, CustomStringConvertible {
    struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, servicesRunning, manifestInvalid, checksumMismatch, fileExists, fileSystem
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A path or option the operator gave is unusable.
        static let invalidArgument = Code(.invalidArgument)
        /// Restore needs Berth stopped, and a socket answered.
        static let servicesRunning = Code(.servicesRunning)
        /// The backup's manifest is missing or unreadable.
        static let manifestInvalid = Code(.manifestInvalid)
        /// A file in the backup is not what the manifest recorded.
        static let checksumMismatch = Code(.checksumMismatch)
        /// A restore would replace existing state without `--force`.
        static let fileExists = Code(.fileExists)
        /// Creating, copying or reading a file failed.
        static let fileSystem = Code(.fileSystem)

        var description: String { base.rawValue }
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}
