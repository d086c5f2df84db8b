import COpenSSL

/// BerthCrypto's error: what failed, why, and (for token checks) which rule the input broke.
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which kind of failure: OpenSSL itself, or a token that is not acceptable (and why). A struct wrapping a
    /// private enum, so adding a case breaks no caller.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case failed, malformedToken, algorithmNotAllowed, unknownKey, badSignature, expired, notYetValid
            case wrongIssuer, wrongAudience
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// OpenSSL (or a parameter) failed: the default.
        public static let failed = Code(.failed)
        /// Not three base64url parts of JSON, or a required claim missing.
        public static let malformedToken = Code(.malformedToken)
        /// The header's `alg` is not in the allow-list (`none` never is).
        public static let algorithmNotAllowed = Code(.algorithmNotAllowed)
        /// No trusted key has the header's `kid`.
        public static let unknownKey = Code(.unknownKey)
        public static let badSignature = Code(.badSignature)
        public static let expired = Code(.expired)
        public static let notYetValid = Code(.notYetValid)
        public static let wrongIssuer = Code(.wrongIssuer)
        public static let wrongAudience = Code(.wrongAudience)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let operation: String
    public let reason: String

    public init(code: Code = .failed, operation: String, reason: String) {
        self.code = code
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "\(operation) failed: \(reason)" }

    /// Builds the error from OpenSSL's error queue (and clears it, so the next call starts clean).
    static func fromOpenSSL(_ operation: String) -> CryptoError {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return CryptoError(operation: operation, reason: reasons.isEmpty ? "unknown OpenSSL error" : reasons.joined(separator: "; "))
    }
}
