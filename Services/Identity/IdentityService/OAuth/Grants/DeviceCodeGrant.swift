import BerthRPC

/// RFC 8628: `POST /device/code` hands out a device code and a user code; the person approves on `/device`;
/// the device polls `/token` with `grant_type=urn:ietf:params:oauth:grant-type:device_code` and gets
/// `authorization_pending`, `slow_down` (polled sooner than the interval: the interval grows by 5 s),
/// `access_denied`, `expired_token`, or — once — the tokens.
extension OAuthProvider {
    public struct DeviceAuthorization: Sendable, Equatable {
        public var deviceCode: String
        public var userCode: String
        public var expiresIn: Int64
        public var interval: Int64
    }

    public func startDeviceAuthorization(clientID: String, clientSecret: String, scope: String) throws(IdentityError)
        -> DeviceAuthorization
    {
        let client = try authenticateClient(id: clientID, secret: clientSecret)
        try require(.deviceCode, for: client)
        let time = now()
        let deviceCode = try OAuthSecrets.token()
        var lastError: IdentityError?
        // A user-code collision (unique index) is astronomically rare; try a few fresh codes before giving up.
        for _ in 0..<3 {
            let userCode = try OAuthSecrets.userCode()
            do {
                try store.insertDeviceCode(
                    DeviceCodeRecord(
                        deviceCodeHash: try OAuthSecrets.hash(deviceCode), userCode: userCode, clientID: client.id,
                        scope: scope.isEmpty ? "openid" : scope, expiresAt: time + lifetimes.deviceCode,
                        interval: lifetimes.devicePollInterval))
                return DeviceAuthorization(
                    deviceCode: deviceCode, userCode: userCode, expiresIn: lifetimes.deviceCode,
                    interval: lifetimes.devicePollInterval)
            } catch {
                lastError = error
            }
        }
        throw lastError ?? IdentityError.oauth(.invalidRequest, "cannot create a device code")
    }

    /// The `/device` page: the person signs in and approves (or denies) the code shown on their device.
    public func verifyDevice(
        userCode typed: String, connectorID: String, username: String, password: String, approve: Bool
    ) async throws(IdentityError) -> String {
        let userCode = OAuthSecrets.normaliseUserCode(typed)
        let time = now()
        guard let pending = try store.deviceCode(userCode: userCode), pending.status == .pending,
            time < pending.expiresAt
        else {
            throw .oauth(
                .invalidRequest,
                "the code \(userCode) is unknown, used or expired: check it, or start again on the device")
        }
        let user = try await passwordLogin(
            connectorID: connectorID, username: username, password: password, clientID: pending.clientID, at: time)
        var sessionID: String?
        if approve {
            let session = try openSession(
                user: user, connectorID: connectorID.isEmpty ? LocalPasswordConnector.defaultID : connectorID,
                clientID: pending.clientID, at: time)
            sessionID = session.id
            await record(
                .sessionStarted, subject: user.id, username: user.username, by: "password:\(session.connectorID)",
                target: AuditV1.Target(kind: "session", name: session.id),
                details: ["client": pending.clientID, "flow": "device"])
        }
        let decided = sessionID
        let updated = try store.updateDeviceCode(where: .userCode(userCode)) { record in
            guard record.status == .pending else { return record }
            var next = record
            next.status = decided == nil ? .denied : .approved
            next.sessionID = decided
            next.userID = user.id
            return next
        }
        guard let updated, updated.before.status == .pending else {
            throw .oauth(.invalidRequest, "the code \(userCode) was used meanwhile: start again on the device")
        }
        return pending.clientID
    }

    func redeemDeviceCode(_ request: IdentityV1.TokenRequest, client: OAuthClient) async throws(IdentityError)
        -> Tokens
    {
        try require(.deviceCode, for: client)
        let time = now()
        guard !request.deviceCode.isEmpty,
            let polled = try store.updateDeviceCode(
                where: .deviceCodeHash(try OAuthSecrets.hash(request.deviceCode)),
                { record in
                    var next = record
                    switch record.status {
                    case .pending:
                        if let last = record.lastPolledAt, time - last < record.interval { next.interval += 5 }
                        next.lastPolledAt = time
                    case .approved where time < record.expiresAt:
                        next.status = .consumed
                    default: break
                    }
                    return next
                })
        else {
            throw .oauth(.invalidGrant, "the device code is unknown: start the device login again")
        }
        let (before, after) = polled
        guard before.clientID == client.id else {
            throw .oauth(.invalidGrant, "the device code was issued to another client")
        }
        guard time < before.expiresAt else {
            throw .oauth(.expiredToken, "the device code expired: start the device login again")
        }
        switch before.status {
        case .pending:
            if after.interval > before.interval {
                throw .oauth(.slowDown, "polling too fast: wait \(after.interval)s between requests")
            }
            throw .oauth(.authorizationPending, "waiting for the person to approve the code")
        case .denied:
            throw .oauth(.accessDenied, "the person denied the request")
        case .consumed:
            throw .oauth(.invalidGrant, "the device code was already used: start the device login again")
        case .approved:
            break
        }
        guard let sessionID = before.sessionID, let session = try sessions.session(id: sessionID),
            session.isActive(at: time)
        else {
            throw .oauth(.invalidGrant, "the login session ended: start the device login again")
        }
        let issued = try issue(session: session, client: client, nonce: "", scope: before.scope, family: nil, at: time)
        if let refresh = issued.refresh { try store.insertRefreshToken(refresh) }
        await record(
            .tokenIssued, subject: issued.user.id, username: issued.user.username, by: "client:\(client.id)",
            target: AuditV1.Target(kind: "session", name: session.id), details: ["grant": "device_code"])
        return issued.tokens
    }
}
