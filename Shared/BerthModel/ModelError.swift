/// The model's error: a stable code for programs and a message that names the thing, the problem and the fix.
///
/// A struct wrapping a private enum (the swift-service-lifecycle `ServiceGroupError` pattern): adding a case
/// breaks no caller that switches on `code`.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidName, invalidValue, unknownAction
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let invalidName = Code(.invalidName)
        public static let invalidValue = Code(.invalidValue)
        public static let unknownAction = Code(.unknownAction)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func invalidName(kind: String, value: String, reason: String) -> ModelError {
        ModelError(code: .invalidName, message: "\(kind) \"\(value)\" \(reason)")
    }
}
