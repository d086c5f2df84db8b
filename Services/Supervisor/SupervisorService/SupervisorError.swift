/// The supervisor's error: a stable code for programs and a message that names the thing, the problem and the fix.
///
/// A struct wrapping a private enum (the swift-service-lifecycle `ServiceGroupError` pattern): adding a case
/// breaks no caller that switches on `code`.
public struct SupervisorError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidPolicy, invalidChildren, spawnFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A `SupervisorPolicy` value cannot work.
        public static let invalidPolicy = Code(.invalidPolicy)
        /// The child list is empty or names a child twice.
        public static let invalidChildren = Code(.invalidChildren)
        /// `posix_spawn` (or the pipes before it) failed for a child.
        public static let spawnFailed = Code(.spawnFailed)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func invalidPolicy(key: String, problem: String, fix: String) -> SupervisorError {
        SupervisorError(code: .invalidPolicy, message: "supervisor policy \(key) \(problem): \(fix)")
    }

    static func invalidChildren(_ problem: String, fix: String) -> SupervisorError {
        SupervisorError(code: .invalidChildren, message: "supervisor children \(problem): \(fix)")
    }

    static func spawnFailed(child: String, executable: String, step: String, errno code: Int32) -> SupervisorError {
        SupervisorError(
            code: .spawnFailed,
            message: "cannot start \(child) (\(executable)): \(step) failed with \(Errno.describe(code)); "
                + "check that the file exists and is executable by the berth user")
    }
}
