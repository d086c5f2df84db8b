/// The bridge's error: a stable code for programs and a message that names the thing, the problem and the fix.
///
/// A struct wrapping a private enum (the swift-service-lifecycle `ServiceGroupError` pattern): adding a case
/// breaks no caller that switches on `code`.
public struct ProtoCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unknownMessage, unknownField, typeMismatch, oneofConflict, malformedInput, invalidString
            case unknownEnumValue, unsupportedShape, codingFailed
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `protoMessageName` names no message compiled into CBerthProto.
        public static let unknownMessage = Code(.unknownMessage)
        /// A Swift coding key has no proto field of that (camelCased) name.
        public static let unknownField = Code(.unknownField)
        /// The Swift type of a property does not fit the proto type of its field.
        public static let typeMismatch = Code(.typeMismatch)
        /// Two members of one oneof were set.
        public static let oneofConflict = Code(.oneofConflict)
        /// The bytes are not a valid encoding of the message (truncated, garbage, wrong wire type).
        public static let malformedInput = Code(.malformedInput)
        /// A string is not valid UTF-8 (decode) or contains a NUL byte protobuf-c cannot carry (encode).
        public static let invalidString = Code(.invalidString)
        /// An enum number on the wire has no case in the Swift enum.
        public static let unknownEnumValue = Code(.unknownEnumValue)
        /// A Swift shape protobuf cannot express (nil inside an array, a map with an odd element count, ...).
        public static let unsupportedShape = Code(.unsupportedShape)
        /// A custom `encode(to:)` / `init(from:)` threw an error of its own.
        public static let codingFailed = Code(.codingFailed)

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

extension ProtoCodecError {
    static func unknownField(_ key: String, in message: String) -> ProtoCodecError {
        ProtoCodecError(
            code: .unknownField,
            message: "Swift property \"\(key)\" has no proto field in \(message): rename it to the lowerCamelCase "
                + "of a field of \(message) or add the field to the .proto")
    }

    static func typeMismatch(_ field: FieldInfo, swiftType: String) -> ProtoCodecError {
        ProtoCodecError(
            code: .typeMismatch,
            message: "field \(field.qualifiedName) is proto \(field.protoTypeName)\(field.isRepeated ? " (repeated)" : "") "
                + "but the Swift value is \(swiftType): use \(field.expectedSwiftType)")
    }

    /// Wraps anything a Codable implementation threw; our own errors pass through unchanged.
    static func wrapping(_ error: any Error, while action: String, _ messageName: String) -> ProtoCodecError {
        if let own = error as? ProtoCodecError { return own }
        return ProtoCodecError(
            code: .codingFailed,
            message: "\(action) \(messageName) failed in custom Codable code: \(error)")
    }
}
