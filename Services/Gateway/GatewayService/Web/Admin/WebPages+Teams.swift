import BerthRPC

/// The teams pages: what tenancy's ListTeams/ListSpaces said, rendered.
extension WebPages {
    /// The create form's values, kept when tenancy refuses them so the admin fixes instead of retyping.
    struct TeamForm {
        var name = ""
        var displayName = ""
        var groups = ""
        var maxSpaces = ""
        var cpu = ""
        var memory = ""
        var storage = ""

        init() {}
        init(_ form: [String: String]) {
            name = form["name"] ?? ""
            displayName = form["displayName"] ?? ""
            groups = form["groups"] ?? ""
            maxSpaces = form["maxSpaces"] ?? ""
            cpu = form["cpu"] ?? ""
            memory = form["memory"] ?? ""
            storage = form["storage"] ?? ""
        }
    }

    static func teams(
        _ teams: [TenancyV1.Team], spaces: [TenancyV1.Space], form: TeamForm, session: WebSession, error: String?
    ) -> HTML {
        let rows = teams.map { team -> HTML in
            let quota = team.quota ?? TenancyV1.TeamQuota()
            let used = spaces.filter { $0.team == team.name }.count
            return """
                <tr><th scope="row"><a href="/ui/admin/teams/\(team.name)">\(team.name)</a></th><td>\(team.displayName)</td>
                <td>\(team.groups.joined(separator: ", "))</td><td>\(team.members.count)</td>
                <td>\(used) of \(quota.maxSpaces == 0 ? "no limit" : "\(quota.maxSpaces)")</td>
                <td>\(limit(quota.cpu))</td><td>\(limit(quota.memory))</td><td>\(limit(quota.storage))</td></tr>
                """
        }
        let table: HTML = teams.isEmpty
            ? "<p>There are no teams yet.</p>"
            : """
                <table><caption>Teams</caption><thead><tr><th scope="col">Team</th><th scope="col">Display name</th>
                <th scope="col">Groups</th><th scope="col">Members</th><th scope="col">Spaces</th><th scope="col">CPU</th>
                <th scope="col">Memory</th><th scope="col">Storage</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        return WebLayout.page(
            "Teams", session: session, error: error,
            """
            \(table)
            <h2>Create a team</h2>
            <form method="post" action="/ui/admin/teams">\(csrfField(session))
            \(input("name", "Name", value: form.name, required: true, help: "lower-case letters, digits and '-'"))
            \(input("displayName", "Display name", value: form.displayName))
            \(input("groups", "Directory groups", value: form.groups, help: "comma-separated; their members join as members"))
            <fieldset><legend>Quota (empty or 0: no limit)</legend>
            \(input("maxSpaces", "Maximum spaces", value: form.maxSpaces, type: "number"))
            \(input("cpu", "CPU", value: form.cpu, help: "e.g. 8 or 8000m"))
            \(input("memory", "Memory", value: form.memory, help: "e.g. 16Gi"))
            \(input("storage", "Storage", value: form.storage, help: "e.g. 100Gi"))
            </fieldset>
            <p><button type="submit">Create team</button></p>
            </form>
            """)
    }

    static func team(
        _ team: TenancyV1.Team, status: TenancyV1.TeamQuotaStatus?, spaces: [TenancyV1.Space], session: WebSession,
        notice: String?, error: String?
    ) -> HTML {
        let quota = status?.quota ?? team.quota ?? TenancyV1.TeamQuota()
        let usage = status?.usage
        func used(_ amount: String?) -> String { amount.map { $0.isEmpty ? "unknown" : $0 } ?? "not reported" }
        let exceeded: HTML = (status?.exceeded ?? []).isEmpty
            ? ""
            : "<p class=\"error\" role=\"alert\">Over quota: \((status?.exceeded ?? []).joined(separator: ", ")). New spaces are refused until the usage is under the limits again.</p>"
        let groupRows = team.groups.map { group -> HTML in
            "<tr><th scope=\"row\">group \(group)</th><td>member</td><td>from the team's directory groups</td></tr>"
        }
        let memberRows = team.members.map { member -> HTML in
            """
            <tr><th scope="row">\(member.kind) \(member.name)</th><td>\(member.role)</td><td>
            <form method="post" action="/ui/admin/teams/\(team.name)/members">\(csrfField(session))
            <input type="hidden" name="op" value="remove"><input type="hidden" name="kind" value="\(member.kind)">
            <input type="hidden" name="member" value="\(member.name)"><input type="hidden" name="role" value="\(member.role)">
            <button type="submit" class="danger" aria-label="Remove \(member.kind) \(member.name)">Remove</button></form></td></tr>
            """
        }
        let spaceRows = spaces.map { space -> HTML in
            """
            <tr><th scope="row"><a href="/ui/spaces/\(space.name)">\(space.name)</a></th><td>\(space.owner)</td>
            <td class="state-\(space.phase)">\(space.phase)</td><td>\(space.cluster)</td></tr>
            """
        }
        return WebLayout.page(
            "Team \(team.name)", session: session, notice: notice, error: error,
            """
            <p>\(team.displayName)</p>
            <h2>Quota and usage</h2>
            \(exceeded)
            <table id="usage"><caption>Used by the team's spaces (their templates' quotas, summed) against the team's
            limits</caption><thead><tr><th scope="col">Resource</th><th scope="col">Used</th><th scope="col">Limit</th></tr></thead>
            <tbody><tr><th scope="row">Spaces</th><td>\(usage.map { Int($0.spaces) } ?? spaces.count)</td>
            <td>\(quota.maxSpaces == 0 ? "no limit" : "\(quota.maxSpaces)")</td></tr>
            <tr><th scope="row">CPU</th><td>\(used(usage?.cpu))</td><td>\(limit(quota.cpu))</td></tr>
            <tr><th scope="row">Memory</th><td>\(used(usage?.memory))</td><td>\(limit(quota.memory))</td></tr>
            <tr><th scope="row">Storage</th><td>\(used(usage?.storage))</td><td>\(limit(quota.storage))</td></tr></tbody></table>
            <details><summary>Change the quota</summary>
            <form method="post" action="/ui/admin/teams/\(team.name)/quota">\(csrfField(session))
            \(input("maxSpaces", "Maximum spaces (0: no limit)", value: quota.maxSpaces == 0 ? "" : "\(quota.maxSpaces)", type: "number"))
            \(input("cpu", "CPU", value: quota.cpu, help: "empty: no limit"))
            \(input("memory", "Memory", value: quota.memory, help: "empty: no limit"))
            \(input("storage", "Storage", value: quota.storage, help: "empty: no limit"))
            <p><button type="submit">Save quota</button></p></form></details>
            <h2>Members</h2>
            <table id="members"><caption>Members and their roles</caption><thead><tr><th scope="col">Member</th><th scope="col">Role</th>
            <th scope="col">Action</th></tr></thead><tbody>\(groupRows)\(memberRows)</tbody></table>
            <h3>Add a member</h3>
            <form method="post" action="/ui/admin/teams/\(team.name)/members">\(csrfField(session))
            <input type="hidden" name="op" value="add">
            <label for="kind">Kind</label><select id="kind" name="kind"><option value="user">User</option>
            <option value="group">Group</option></select>
            \(input("member", "User or group name", value: "", required: true))
            <label for="role">Role</label><select id="role" name="role"><option value="member">member</option>
            <option value="owner">owner</option><option value="viewer">viewer</option></select>
            <p><button type="submit">Add member</button></p>
            </form>
            <h2>Spaces</h2>
            \(spaces.isEmpty ? "<p>This team has no spaces.</p>" : """
                <table><caption>The team's spaces</caption><thead><tr><th scope="col">Space</th><th scope="col">Owner</th>
                <th scope="col">State</th><th scope="col">Cluster</th></tr></thead><tbody>\(spaceRows)</tbody></table>
                """ as HTML)
            <h2>Sleep policy</h2>
            <p><a href="/ui/admin/sleep?level=team&amp;name=\(query(team.name))">Sleep policy of team \(team.name)</a></p>
            """)
    }
}
