/// Tenancy's error: a stable code and a message that names the thing, the problem and the fix.
public struct TenancyError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidArgument, alreadyExists, notFound, invalidTemplate
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let invalidArgument = Code(.invalidArgument)
        public static let alreadyExists = Code(.alreadyExists)
        public static let notFound = Code(.notFound)
        /// A template that does not parse, renders to something Berth refuses, or is given bad parameters.
        public static let invalidTemplate = Code(.invalidTemplate)

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

extension TenancyError {
    /// A template problem; `line` (1-based, in the template's manifests) when the problem has one.
    static func invalidTemplate(line: Int?, _ reason: String) -> TenancyError {
        TenancyError(code: .invalidTemplate, message: line.map { "template line \($0): \(reason)" } ?? "template: \(reason)")
    }
}
