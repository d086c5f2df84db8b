import CLDAP

/// The directory side of a login, on one pooled connection: service bind, find exactly one user, (optionally)
/// bind as them, resolve their groups. Blocking. Used by `LDAPConnector.login` and by `DiagnoseLDAP`.
struct LDAPUserLookup {
    /// What the lookup found, step by step (the diagnostic command prints all of it).
    struct Outcome: Sendable {
        var filter: String
        var entry: LDAPEntry?
        /// Why the person is refused (for the log/audit detail and the diagnostic), nil when accepted.
        var refusal: String?
        var groups: [LDAPGroup] = []
        /// Group search filters run, in order (diagnostics).
        var groupFilters: [String] = []
    }

    let settings: LDAPSettings

    /// Finds `username`; checks `password` when given (nil = diagnostics without a password: no user bind).
    func run(
        username: String, password: String?, on connection: LDAPConnection
    ) throws(LDAPConnection.Failure) -> Outcome {
        let search = settings.userSearch
        let filter = LDAPFilter.and(search.filter, search.usernameAttribute, username)
        var outcome = Outcome(filter: filter)
        try serviceBind(connection)
        var wanted = [search.usernameAttribute, search.nameAttribute, search.emailAttribute] + search.idAttributes
        wanted += settings.groupSearches.map(\.userAttribute).filter { $0.lowercased() != "dn" }
        if !settings.memberOfAttribute.isEmpty { wanted.append(settings.memberOfAttribute) }
        let entries = try connection.search(
            base: search.baseDN, subtree: true, filter: filter, attributes: Array(Set(wanted)), limit: 2)
        guard entries.count == 1, let entry = entries.first else {
            outcome.refusal = entries.isEmpty
                ? "no entry matches \(filter) under \(search.baseDN)"
                : "more than one entry matches \(filter) under \(search.baseDN): make the filter or attribute unique"
            return outcome
        }
        outcome.entry = entry
        if let password {
            do {
                try connection.bind(dn: entry.dn, password: password)
            } catch where error.code == LDAPResultCode.invalidCredentials {
                outcome.refusal = "the directory refused the password of \(entry.dn)"
                return outcome
            }
            // Groups are read as the service account (the user may not see group entries).
            try serviceBind(connection)
        }
        try resolveGroups(of: entry, into: &outcome, on: connection)
        return outcome
    }

    private func serviceBind(_ connection: LDAPConnection) throws(LDAPConnection.Failure) {
        // An empty bindDN is an anonymous bind (an empty password with a DN would be one too: refused at load).
        try connection.bind(dn: settings.bindDN, password: settings.bindDN.isEmpty ? "" : settings.bindPassword)
    }

    /// Direct groups from every group search and memberOf, then `nestedDepth` levels of groups containing those
    /// groups (by DN). A group already seen is not followed again, so cycles end.
    private func resolveGroups(
        of entry: LDAPEntry, into outcome: inout Outcome, on connection: LDAPConnection
    ) throws(LDAPConnection.Failure) {
        var seen: Set<String> = []
        var found: [LDAPGroup] = []
        var frontier: [LDAPGroup] = []
        for search in settings.groupSearches {
            let byDN = search.userAttribute.lowercased() == "dn"
            let values = byDN ? [entry.dn] : entry.values(search.userAttribute)
            for value in values {
                let filter = LDAPFilter.and(search.filter, search.memberAttribute, value)
                outcome.groupFilters.append(filter)
                for group in try connection.search(
                    base: search.baseDN, subtree: true, filter: filter, attributes: [search.nameAttribute], limit: 0)
                where seen.insert(group.dn.lowercased()).inserted {
                    let name = group.first(search.nameAttribute) ?? group.dn
                    let resolved = LDAPGroup(name: name, dn: group.dn, path: [name])
                    found.append(resolved)
                    frontier.append(resolved)
                }
            }
        }
        let nameAttribute = settings.groupSearches.first?.nameAttribute ?? "cn"
        if !settings.memberOfAttribute.isEmpty {
            for dn in entry.values(settings.memberOfAttribute) where seen.insert(dn.lowercased()).inserted {
                let name = try groupName(dn: dn, attribute: nameAttribute, on: connection)
                let resolved = LDAPGroup(name: name, dn: dn, path: [name])
                found.append(resolved)
                frontier.append(resolved)
            }
        }
        // Nesting: groups whose members include a group found so far.
        var level = 0
        while level < settings.nestedDepth, !frontier.isEmpty {
            level += 1
            var next: [LDAPGroup] = []
            for child in frontier {
                for parent in try parents(of: child, into: &outcome, on: connection)
                where seen.insert(parent.dn.lowercased()).inserted {
                    let resolved = LDAPGroup(name: parent.name, dn: parent.dn, path: child.path + [parent.name])
                    found.append(resolved)
                    next.append(resolved)
                }
            }
            frontier = next
        }
        outcome.groups = found
    }

    private func parents(
        of child: LDAPGroup, into outcome: inout Outcome, on connection: LDAPConnection
    ) throws(LDAPConnection.Failure) -> [(name: String, dn: String)] {
        var parents: [(name: String, dn: String)] = []
        for search in settings.groupSearches where search.userAttribute.lowercased() == "dn" {
            let filter = LDAPFilter.and(search.filter, search.memberAttribute, child.dn)
            outcome.groupFilters.append(filter)
            for group in try connection.search(
                base: search.baseDN, subtree: true, filter: filter, attributes: [search.nameAttribute], limit: 0)
            {
                parents.append((group.first(search.nameAttribute) ?? group.dn, group.dn))
            }
        }
        if !settings.memberOfAttribute.isEmpty {
            let entries = try connection.search(
                base: child.dn, subtree: false, filter: "(objectClass=*)", attributes: [settings.memberOfAttribute],
                limit: 1)
            let nameAttribute = settings.groupSearches.first?.nameAttribute ?? "cn"
            for dn in entries.first?.values(settings.memberOfAttribute) ?? [] {
                parents.append((try groupName(dn: dn, attribute: nameAttribute, on: connection), dn))
            }
        }
        return parents
    }

    private func groupName(dn: String, attribute: String, on connection: LDAPConnection) throws(LDAPConnection.Failure)
        -> String
    {
        do {
            let entries = try connection.search(
                base: dn, subtree: false, filter: "(objectClass=*)", attributes: [attribute], limit: 1)
            return entries.first?.first(attribute) ?? dn
        } catch where error.code == LDAPResultCode.noSuchObject {
            return dn  // memberOf may name a group the service account cannot read: keep its DN
        }
    }
}
