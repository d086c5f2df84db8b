/// The audit client's error: a stable code for programs and a message that names the thing, the problem and the
/// fix. A struct wrapping a private enum, so adding a case breaks no caller that switches on `code`.
public struct AuditClientError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidEvent, unreachable, refused, rejected, spoolFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The event is not valid (an action outside `AuditAction`'s vocabulary): a bug in the producer.
        public static let invalidEvent = Code(.invalidEvent)
        /// A sink could not reach berth-audit in time; the events may or may not be stored (retry by id).
        public static let unreachable = Code(.unreachable)
        /// Audit is unreachable and `audit.whenUnreachable` is `refuse`: the action must not go ahead.
        public static let refused = Code(.refused)
        /// Berth-audit answered and refused the events (invalid batch): retrying the same events will not help.
        public static let rejected = Code(.rejected)
        /// The local spool could not be written, so the events are neither delivered nor kept.
        public static let spoolFailed = Code(.spoolFailed)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
