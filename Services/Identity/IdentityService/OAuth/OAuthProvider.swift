import BerthAuditClient
import BerthCrypto
import BerthModel
import BerthRPC
import Logging

/// Berth's OAuth 2.0 / OIDC flows: authorization code + PKCE, refresh with rotation and reuse detection, the
/// device authorization grant, revocation, userinfo and logout. The gateway turns HTTP into calls on this (over
/// the socket); every decision and every secret stays here. Grants live in `Grants/`, one file each.
///
/// Time comes only from `now` (seconds since 1970). Codes, refresh tokens and device codes are random 256-bit
/// strings stored as SHA-256 hashes.
public struct OAuthProvider: Sendable {
    let clients: OAuthClientRegistry
    let connectors: [String: any Connector]
    let issuer: IDTokenIssuer
    let users: any UserStore
    let sessions: any SessionStore
    let store: any OAuthStore
    let lifetimes: OAuthLifetimes
    let audit: (any AuditRecording)?
    let now: @Sendable () -> Int64
    let logger: Logger

    public init(
        clients: OAuthClientRegistry, connectors: [any Connector], issuer: IDTokenIssuer, users: any UserStore,
        sessions: any SessionStore, store: any OAuthStore, lifetimes: OAuthLifetimes, audit: (any AuditRecording)?,
        now: @escaping @Sendable () -> Int64, logger: Logger
    ) {
        self.clients = clients
        self.connectors = Dictionary(connectors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.issuer = issuer
        self.users = users
        self.sessions = sessions
        self.store = store
        self.lifetimes = lifetimes
        self.audit = audit
        self.now = now
        self.logger = logger
    }

    /// What a successful grant returns.
    public struct Tokens: Sendable, Equatable {
        public var idToken: String
        /// The same signed JWT as the ID token (audience = the client); `/userinfo` accepts it.
        public var accessToken: String
        public var refreshToken: String?
        public var expiresIn: Int64
        public var scope: String
        public var sessionID: String
    }

    /// The connectors the login page offers, sorted by id.
    public var loginConnectors: [IdentityV1.LoginConnector] {
        connectors.values.sorted { $0.id < $1.id }.compactMap { connector in
            if connector is any PasswordConnector {
                return IdentityV1.LoginConnector(id: connector.id, displayName: connector.id, password: true)
            }
            if let redirect = connector as? any RedirectConnector {
                return IdentityV1.LoginConnector(id: connector.id, displayName: redirect.displayName, password: false)
            }
            return nil
        }
    }

    // MARK: - Client authentication

    /// RFC 6749 §2.3: a confidential client proves its secret (basic or post, split by the gateway); a public
    /// client sends only its id. Any failure is `invalid_client` with one message.
    func authenticateClient(id: String, secret: String) throws(IdentityError) -> OAuthClient {
        guard let client = clients.client(id) else {
            throw .oauth(
                .invalidClient, "client authentication failed: unknown client or wrong secret",
                detail: "unknown client \(id)")
        }
        if client.isPublic {
            guard secret.isEmpty else {
                throw .oauth(.invalidClient, "client \(id) is public: send no client secret")
            }
            return client
        }
        guard let hash = client.secretHash, !secret.isEmpty else {
            throw .oauth(
                .invalidClient, "client authentication failed: unknown client or wrong secret", detail: "no secret")
        }
        let matches: Bool
        do {
            matches = try hash.matches(secret)
        } catch {
            throw IdentityError.crypto("check a client secret", error)
        }
        guard matches else {
            throw .oauth(
                .invalidClient, "client authentication failed: unknown client or wrong secret", detail: "wrong secret")
        }
        return client
    }

    func require(_ grant: OAuthClient.Grant, for client: OAuthClient) throws(IdentityError) {
        guard client.grants.contains(grant) else {
            throw .oauth(
                .unauthorizedClient, "client \(client.id) may not use the \(grant.rawValue) grant: add it to its grants"
            )
        }
    }

    // MARK: - Issuing

    /// A new ID token (and access token) for `session`'s user; a refresh token in `family` when the client may
    /// refresh (a new family when nil).
    func issue(
        session: Session, client: OAuthClient, nonce: String, scope: String, family: (id: String, startedAt: Int64)?,
        at time: Int64
    ) throws(IdentityError) -> (tokens: Tokens, refresh: RefreshTokenRecord?, user: User) {
        guard let user = try users.user(id: session.userID), !user.disabled else {
            throw .oauth(.invalidGrant, "the user of this grant no longer exists or is disabled: log in again")
        }
        guard let algorithm = JWSAlgorithm(rawValue: client.idTokenSigningAlg) else {
            throw IdentityError(
                code: .invalidArgument,
                message: "client \(client.id): idTokenSigningAlg \"\(client.idTokenSigningAlg)\" is not supported: use ES256 or RS256")
        }
        let minted = try issuer.mint(
            for: user, audience: client.id, authTime: session.authTime, nonce: nonce, sessionID: session.id, now: time,
            algorithm: algorithm)
        var refreshToken: String?
        var record: RefreshTokenRecord?
        if client.grants.contains(.refreshToken) {
            let token = try OAuthSecrets.token()
            let started = family?.startedAt ?? time
            let familyID: String
            if let family { familyID = family.id } else { familyID = try OAuthSecrets.token() }
            record = RefreshTokenRecord(
                tokenHash: try OAuthSecrets.hash(token), familyID: familyID,
                sessionID: session.id, userID: user.id, clientID: client.id, scope: scope, createdAt: time,
                familyStartedAt: started)
            refreshToken = token
        }
        return (
            Tokens(
                idToken: minted.token, accessToken: minted.token, refreshToken: refreshToken,
                expiresIn: minted.claims.exp - time, scope: scope, sessionID: session.id),
            record, user
        )
    }

    /// Opens a session for `user` through `connectorID` for `clientID`.
    func openSession(user: User, connectorID: String, clientID: String, at time: Int64) throws(IdentityError) -> Session
    {
        let id: String
        do {
            id = try SecureRandom.identifier()
        } catch {
            throw IdentityError.crypto("create a session id", error)
        }
        let session = Session(
            id: id, userID: user.id, connectorID: connectorID, clientID: clientID, authTime: time,
            expiresAt: time + lifetimes.session)
        try sessions.create(session)
        return session
    }

    // MARK: - Audit (best effort: a token answer is not held back by audit; the log keeps failures)

    func record(
        _ action: AuditAction, subject: String, username: String = "", by method: String, target: AuditV1.Target,
        outcome: AuditV1.Outcome = .allowed, reason: String = "", details: [String: String] = [:]
    ) async {
        guard let audit else { return }
        do {
            try await audit.record(
                action,
                actor: AuditV1.Actor(subject: subject, username: username, authenticatedBy: method, source: "gateway"),
                target: target, outcome: outcome, reason: reason, details: details)
        } catch {
            logger.warning(
                "cannot record an OAuth audit event", metadata: ["action": "\(action.rawValue)", "error": "\(error)"])
        }
    }
}
