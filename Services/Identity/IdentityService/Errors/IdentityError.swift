/// The identity service's one error type: a code, a message for the caller (the thing, the problem, the fix)
/// and, for failed logins, a detail for the log and the audit record only.
///
/// A failed login's message never says whether the user or the password was wrong (nor that the account is
/// locked); `detail` does, and goes only to the service log and the audit event.
public struct IdentityError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case invalidCredentials, invalidArgument, unknownConnector, unknownClient, alreadyExists
            case invalidToken, storage, crypto, auditUnavailable
            case notFound, permissionDenied
            case directoryUnavailable, upstreamUnavailable, invalidConfig
            // OAuth 2.0 protocol errors (RFC 6749 §5.2, RFC 8628 §3.5); `IdentityError+OAuth` names them.
            case invalidRequest, invalidClient, invalidGrant, unauthorizedClient, unsupportedGrantType
            case unsupportedResponseType, invalidScope, accessDenied, authorizationPending, slowDown, expiredToken
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Username or password wrong, user unknown, disabled or locked out: the caller is not told which.
        public static let invalidCredentials = Code(.invalidCredentials)
        public static let invalidArgument = Code(.invalidArgument)
        public static let unknownConnector = Code(.unknownConnector)
        /// The client id is not in `identity.clients`.
        public static let unknownClient = Code(.unknownClient)
        public static let alreadyExists = Code(.alreadyExists)
        /// A token that does not verify (signature, algorithm, issuer, audience, expiry).
        public static let invalidToken = Code(.invalidToken)
        /// identity.db failed.
        public static let storage = Code(.storage)
        /// OpenSSL failed (key generation, signing, the KDF).
        public static let crypto = Code(.crypto)
        /// `audit.whenUnreachable: refuse` and audit could not be reached.
        public static let auditUnavailable = Code(.auditUnavailable)
        /// A user, group or access key that does not exist.
        public static let notFound = Code(.notFound)
        /// The caller is known but may not do this (a scope wider than their rights, a non-admin).
        public static let permissionDenied = Code(.permissionDenied)

        /// An LDAP directory cannot be reached (down, timing out, TLS failed): not the user's fault.
        public static let directoryUnavailable = Code(.directoryUnavailable)
        /// An upstream OIDC provider cannot be reached or answered nonsense.
        public static let upstreamUnavailable = Code(.upstreamUnavailable)
        /// `identity.connectors` (or another identity setting) is wrong; the message names the key.
        public static let invalidConfig = Code(.invalidConfig)

        /// OAuth protocol errors: answered as `{"error": …}` per RFC 6749 §5.2 / RFC 8628 §3.5.
        public static let invalidRequest = Code(.invalidRequest)
        public static let invalidClient = Code(.invalidClient)
        public static let invalidGrant = Code(.invalidGrant)
        public static let unauthorizedClient = Code(.unauthorizedClient)
        public static let unsupportedGrantType = Code(.unsupportedGrantType)
        public static let unsupportedResponseType = Code(.unsupportedResponseType)
        public static let invalidScope = Code(.invalidScope)
        public static let accessDenied = Code(.accessDenied)
        public static let authorizationPending = Code(.authorizationPending)
        public static let slowDown = Code(.slowDown)
        public static let expiredToken = Code(.expiredToken)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String
    /// Why, for the log and the audit record; never sent to the caller.
    public let detail: String
    public let underlying: (any Error)?

    public init(code: Code, message: String, detail: String = "", underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
        self.underlying = underlying
    }

    public var description: String { detail.isEmpty ? message : "\(message) (\(detail))" }

    /// The one answer to every failed password login.
    static func invalidCredentials(detail: String) -> IdentityError {
        IdentityError(
            code: .invalidCredentials,
            message: "invalid username or password: check both and try again (repeated failures lock the account "
                + "for a while)",
            detail: detail)
    }

    static func storage(_ what: String, _ error: any Error) -> IdentityError {
        IdentityError(
            code: .storage, message: "identity.db: cannot \(what): check the disk and the service log",
            detail: "\(error)", underlying: error)
    }

    static func invalidConfig(_ key: String, _ problem: String) -> IdentityError {
        IdentityError(code: .invalidConfig, message: "\(key): \(problem)")
    }

    static func crypto(_ what: String, _ error: any Error) -> IdentityError {
        IdentityError(
            code: .crypto, message: "cannot \(what): see the service log", detail: "\(error)", underlying: error)
    }
}
