import Logging

/// Logins against an LDAP directory or Active Directory (dex's `connector/ldap`): service bind, search exactly
/// one user with the escaped username, bind as that DN with the password, resolve groups (nested to
/// `nestedDepth`), mirror the user into identity.db keyed by the entry's stable id.
///
/// Failures keep the `PasswordConnector` contract: an empty password, no or several matching entries, a refused
/// password and a user disabled in Berth all throw `.invalidCredentials` with the same message. A directory that
/// cannot be reached throws `.directoryUnavailable` naming the URL; a directory that answers with an error to
/// the service account (wrong bindDN/password, bad base DN) throws `.invalidConfig` naming the connector.
public struct LDAPConnector: PasswordConnector {
    public let id: String
    public let settings: LDAPSettings
    let pool: LDAPConnectionPool
    let mirror: any MirroredUserStore

    public init(settings: LDAPSettings, mirror: any MirroredUserStore) {
        id = settings.id
        self.settings = settings
        self.mirror = mirror
        pool = LDAPConnectionPool(
            url: settings.url, startTLS: settings.startTLS, caFile: settings.caFile.isEmpty ? nil : settings.caFile,
            timeoutSeconds: settings.timeoutSeconds, size: settings.poolSize)
    }

    public func login(username: String, password: String, now: Int64) async throws(IdentityError) -> User {
        // An empty password is an unauthenticated bind, which LDAP servers answer with success: never send it.
        guard !password.isEmpty else {
            throw IdentityError.invalidCredentials(detail: "empty password for \"\(username)\" (refused before any bind)")
        }
        guard !username.isEmpty else { throw IdentityError.invalidCredentials(detail: "empty username") }
        let outcome = try await lookup(username: username, password: password)
        guard let entry = outcome.entry, outcome.refusal == nil else {
            throw IdentityError.invalidCredentials(detail: "ldap \(id): \(outcome.refusal ?? "refused")")
        }
        let user = try mirror.mirror(external(entry, typed: username, groups: outcome.groups), connectorID: id, now: now)
        if user.disabled {
            throw IdentityError.invalidCredentials(detail: "ldap \(id): user \"\(user.username)\" is disabled in Berth")
        }
        return user
    }

    /// Runs the directory side off the cooperative pool. `password` nil = no user bind (diagnostics).
    func lookup(username: String, password: String?) async throws(IdentityError) -> LDAPUserLookup.Outcome {
        let lookup = LDAPUserLookup(settings: settings)
        let pool = self.pool
        let settings = self.settings
        return try await BlockingWork.run { () throws(IdentityError) -> LDAPUserLookup.Outcome in
            do throws(LDAPConnection.Failure) {
                return try pool.withConnection { connection throws(LDAPConnection.Failure) in
                    try lookup.run(username: username, password: password, on: connection)
                }
            } catch {
                throw Self.mapped(error, settings)
            }
        }
    }

    /// The mirrored form: stable id from `idAttributes` (else the DN), the directory's spelling of the username.
    func external(_ entry: LDAPEntry, typed username: String, groups: [LDAPGroup]) -> ExternalUser {
        let search = settings.userSearch
        let stableID = search.idAttributes.lazy.compactMap { entry.first($0) }.first ?? "dn:" + entry.dn.lowercased()
        return ExternalUser(
            externalID: stableID, username: entry.first(search.usernameAttribute) ?? username,
            displayName: entry.first(search.nameAttribute) ?? "", email: entry.first(search.emailAttribute) ?? "",
            groups: groups.map(\.name), location: entry.dn)
    }

    static func mapped(_ failure: LDAPConnection.Failure, _ settings: LDAPSettings) -> IdentityError {
        if failure.meansUnavailable {
            return IdentityError(
                code: .directoryUnavailable,
                message: "LDAP directory \(settings.url) (connector \"\(settings.id)\") cannot be reached: check that "
                    + "it is running and reachable from this host (timeout \(settings.timeoutSeconds)s); logins "
                    + "through it fail until it is back",
                detail: failure.description, underlying: failure)
        }
        return IdentityError(
            code: .invalidConfig,
            message: "LDAP directory \(settings.url) (connector \"\(settings.id)\") refused the service account's "
                + "request: check bindDN, bindPasswordFile, userSearch and groupSearch (berth admin ldap test)",
            detail: failure.description, underlying: failure)
    }
}
