import BerthAuditClient
import BerthCrypto
import BerthModel
import BerthRPC
import Logging

/// `PasswordLogin`: checks the password through the named connector, opens a session, mints an ID token, and
/// records `session.started` (allowed, or denied with the reason kept out of the caller's answer).
///
/// A denied login is answered `unauthenticated` with the same message whatever went wrong; its audit event says
/// what (unknown user, wrong password, locked out). A successful login is only answered once its audit event is
/// recorded (or spooled): with `audit.whenUnreachable: refuse` and audit down, the login fails.
public struct PasswordLoginHandler: Sendable {
    let connectors: [String: any Connector]
    let clients: Set<String>
    let issuer: IDTokenIssuer
    let sessions: any SessionStore
    let sessionLifetime: Int64
    let audit: (any AuditRecording)?
    let now: @Sendable () -> Int64
    let logger: Logger

    public init(
        connectors: [any Connector], clients: Set<String>, issuer: IDTokenIssuer, sessions: any SessionStore,
        sessionLifetime: Int64, audit: (any AuditRecording)?, now: @escaping @Sendable () -> Int64, logger: Logger
    ) {
        self.connectors = Dictionary(connectors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.clients = clients
        self.issuer = issuer
        self.sessions = sessions
        self.sessionLifetime = sessionLifetime
        self.audit = audit
        self.now = now
        self.logger = logger
    }

    public func login(
        _ request: IdentityV1.PasswordLoginRequest, peer: PeerCredentials
    ) async throws(IdentityError) -> IdentityV1.PasswordLoginResponse {
        let connectorID = request.connectorId.isEmpty ? LocalPasswordConnector.defaultID : request.connectorId
        guard let connector = connectors[connectorID] as? any PasswordConnector else {
            throw IdentityError(
                code: .unknownConnector,
                message: "connector \"\(connectorID)\" does not exist or takes no passwords: use one of "
                    + connectors.values.filter { $0 is any PasswordConnector }.map(\.id).sorted().joined(separator: ", "))
        }
        guard clients.contains(request.clientId) else {
            throw IdentityError(
                code: .unknownClient,
                message: "client \"\(request.clientId)\" is not registered: use one of "
                    + clients.sorted().joined(separator: ", ") + " (identity.clients)")
        }
        let started = now()
        let user: User
        do {
            user = try await connector.login(username: request.username, password: request.password, now: started)
        } catch {
            if error.code == .invalidCredentials {
                logger.notice("password login denied", metadata: ["connector": "\(connectorID)", "reason": "\(error.detail)"])
                await recordDenied(request, connectorID: connectorID, reason: error.detail, peer: peer)
            }
            throw error
        }
        let sessionID: String
        do {
            sessionID = try SecureRandom.identifier()
        } catch {
            throw IdentityError.crypto("create a session id", error)
        }
        let minted = try issuer.mint(
            for: user, audience: request.clientId, authTime: started, nonce: request.nonce, sessionID: sessionID,
            now: started)
        if let audit {
            do {
                try await audit.record(
                    .sessionStarted, actor: actor(subject: user.id, username: user.username, connectorID, peer),
                    target: AuditV1.Target(kind: "session", name: sessionID), outcome: .allowed,
                    details: ["client": request.clientId])
            } catch {
                throw IdentityError(
                    code: .auditUnavailable,
                    message: "the login cannot be recorded in the audit log, and audit.whenUnreachable is refuse: "
                        + "try again when berth-audit is back", detail: "\(error)", underlying: error)
            }
        }
        try sessions.create(
            Session(
                id: sessionID, userID: user.id, connectorID: connectorID, clientID: request.clientId,
                authTime: started, expiresAt: started + sessionLifetime))
        logger.info("password login", metadata: ["connector": "\(connectorID)", "sub": "\(user.id)", "session": "\(sessionID)"])
        return IdentityV1.PasswordLoginResponse(
            sessionId: sessionID, idToken: minted.token, expiresAtUnix: minted.claims.exp, subject: user.id)
    }

    private func recordDenied(
        _ request: IdentityV1.PasswordLoginRequest, connectorID: String, reason: String, peer: PeerCredentials
    ) async {
        guard let audit else { return }
        do {
            try await audit.record(
                .sessionStarted, actor: actor(subject: "", username: request.username, connectorID, peer),
                target: AuditV1.Target(kind: "session", name: ""), outcome: .denied, reason: reason,
                details: ["client": request.clientId])
        } catch {
            // The caller is refused anyway; the log keeps the trace.
            logger.warning("cannot record a denied login", metadata: ["error": "\(error)"])
        }
    }

    private func actor(subject: String, username: String, _ connectorID: String, _ peer: PeerCredentials)
        -> AuditV1.Actor
    {
        AuditV1.Actor(
            subject: subject, username: username, authenticatedBy: "password:\(connectorID)", source: "uid:\(peer.uid)")
    }
}
