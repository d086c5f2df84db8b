import BerthRPC

/// `DiagnoseLDAP`: runs one LDAP connector's lookup for a user and reports each step (the DN found, the filter
/// used, each group and the nesting path to it, why it fails). Admin access (RPCAccess.admin: root, the service
/// user, local admins; with a token, only an admin token: `IdentityService` checks it): unlike PasswordLogin it tells which part was wrong, so it is not for everyone.
/// Nothing is mirrored or recorded as a login.
public struct DiagnoseLDAPHandler: Sendable {
    let connectors: [LDAPConnector]

    public init(connectors: [any Connector]) {
        self.connectors = connectors.compactMap { $0 as? LDAPConnector }
    }

    public func diagnose(_ request: IdentityV1.DiagnoseLDAPRequest) async throws(IdentityError)
        -> IdentityV1.DiagnoseLDAPResponse
    {
        let connector = try pick(request.connectorId)
        let settings = connector.settings
        var response = IdentityV1.DiagnoseLDAPResponse(
            connectorId: connector.id, url: settings.url, userBaseDn: settings.userSearch.baseDN)
        guard !request.username.isEmpty else {
            throw IdentityError(code: .invalidArgument, message: "the username is empty: name the user to look up")
        }
        let outcome: LDAPUserLookup.Outcome
        do {
            outcome = try await connector.lookup(
                username: request.username, password: request.password.isEmpty ? nil : request.password)
        } catch {
            // Directory down or the service account refused: that is the diagnosis.
            response.failure = "\(error.message) (\(error.detail))"
            return response
        }
        response.userFilter = outcome.filter
        response.passwordChecked = !request.password.isEmpty
        response.groupFilters = outcome.groupFilters
        response.groups = outcome.groups.map { IdentityV1.LDAPGroupResolution(name: $0.name, dn: $0.dn, path: $0.path) }
        if let entry = outcome.entry {
            let external = connector.external(entry, typed: request.username, groups: outcome.groups)
            response.userDn = entry.dn
            response.stableId = external.externalID
            response.username = external.username
            response.displayName = external.displayName
            response.email = external.email
        }
        response.failure = outcome.refusal ?? ""
        return response
    }

    private func pick(_ id: String) throws(IdentityError) -> LDAPConnector {
        let ids = connectors.map(\.id).sorted()
        if id.isEmpty {
            guard connectors.count == 1, let only = connectors.first else {
                throw IdentityError(
                    code: .unknownConnector,
                    message: connectors.isEmpty
                        ? "no LDAP connector is configured: add one to identity.connectors (type: ldap)"
                        : "several LDAP connectors are configured: name one with --connector (\(ids.joined(separator: ", ")))")
            }
            return only
        }
        guard let connector = connectors.first(where: { $0.id == id }) else {
            throw IdentityError(
                code: .unknownConnector,
                message: "\"\(id)\" is not an LDAP connector: use one of \(ids.isEmpty ? "(none configured)" : ids.joined(separator: ", "))")
        }
        return connector
    }
}
