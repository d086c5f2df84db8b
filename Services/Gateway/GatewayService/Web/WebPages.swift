import BerthRPC
import Foundation

/// The portal's pages, as functions of what the services answered (no I/O here: `WebUI` fetches, these render).
enum WebPages {
    /// The sign-in page: one form for the password connectors (a choice when there are several) and a button for
    /// each redirect connector (upstream SSO, `GET /ui/login/<id>`).
    static func login(
        csrf: String, connectors: [IdentityV1.LoginConnector], username: String = "", error: String? = nil
    ) -> HTML {
        let passwords = connectors.filter(\.password)
        let redirects = connectors.filter { !$0.password }
        let choice: HTML
        switch passwords.count {
        case 0: choice = ""
        case 1: choice = "<input type=\"hidden\" name=\"connector\" value=\"\(passwords[0].id)\">"
        default:
            let options = passwords.map { connector -> HTML in
                "<option value=\"\(connector.id)\">\(connector.displayName.isEmpty ? connector.id : connector.displayName)</option>"
            }
            choice = "<label for=\"connector\">Sign in with</label><select id=\"connector\" name=\"connector\">\(options)</select>"
        }
        let form: HTML = passwords.isEmpty
            ? ""
            : """
                <form method="post" action="/ui/login">
                <input type="hidden" name="csrf" value="\(csrf)">\(choice)
                <label for="username">Username</label>
                <input id="username" name="username" autocomplete="username" required value="\(username)">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <p><button type="submit">Sign in</button></p>
                </form>
                """
        let buttons = redirects.map { connector -> HTML in
            """
            <li><a class="button" href="/ui/login/\(OAuthForm.encode(connector.id))">Sign in with \(connector.displayName.isEmpty ? connector.id : connector.displayName)</a></li>
            """
        }
        let sso: HTML = redirects.isEmpty
            ? "" : "<section aria-labelledby=\"sso\"><h2 id=\"sso\">Single sign-on</h2><ul class=\"sso\">\(buttons)</ul></section>"
        return WebLayout.page("Sign in", session: nil, error: error, "\(form)\(sso)")
    }

    /// The end of an SSO sign-in: the browser moves on to the spaces by itself (no script: a meta refresh).
    static func signedIn(username: String) -> HTML {
        WebLayout.page(
            "Signed in", session: nil,
            head: "<meta http-equiv=\"refresh\" content=\"0; url=/ui/spaces\">",
            """
            <p role="status">Signed in as <strong>\(username)</strong>.</p>
            <p><a href="/ui/spaces">Continue to your spaces</a></p>
            """)
    }

    struct SpacesModel {
        var spaces: [TenancyV1.Space]
        var teams: [TenancyV1.Team]
        var templates: [TenancyV1.Template]
    }

    static func spaces(_ model: SpacesModel, session: WebSession, notice: String? = nil, error: String? = nil) -> HTML {
        let rows = model.spaces.map { space -> HTML in
            """
            <tr><td><a href="/ui/spaces/\(space.name)">\(space.name)</a></td><td>\(space.team.isEmpty ? "personal" : space.team)</td>
            <td>\(space.owner)</td><td>\(space.template) v\(space.templateVersion)</td>
            <td class="state-\(space.phase)">\(space.phase)</td><td>\(space.cluster)</td></tr>
            """
        }
        let table: HTML = model.spaces.isEmpty
            ? "<p>You have no spaces yet. Create one below.</p>"
            : """
                <table><caption class="skip">Your spaces</caption><thead><tr><th scope="col">Space</th><th scope="col">Team</th>
                <th scope="col">Owner</th><th scope="col">Template</th><th scope="col">State</th><th scope="col">Cluster</th></tr></thead>
                <tbody>\(rows)</tbody></table>
                """
        let teamOptions = model.teams.map { team -> HTML in "<option value=\"\(team.name)\">\(team.name)</option>" }
        let templateOptions = model.templates.map { template -> HTML in
            "<option value=\"\(template.name)\">\(template.name) (v\(template.version)) — \(template.description)</option>"
        }
        let quotas = model.teams.map { team -> HTML in
            let used = model.spaces.filter { $0.team == team.name }.count
            let quota = team.quota ?? TenancyV1.TeamQuota()
            let limit = quota.maxSpaces == 0 ? "no limit" : "\(quota.maxSpaces)"
            return """
                <li><strong>\(team.name)</strong>: \(used) of \(limit) spaces; CPU \(quota.cpu.isEmpty ? "no limit" : quota.cpu),
                memory \(quota.memory.isEmpty ? "no limit" : quota.memory), storage \(quota.storage.isEmpty ? "no limit" : quota.storage)</li>
                """
        }
        return WebLayout.page(
            "Spaces", session: session, notice: notice, error: error,
            """
            \(table)
            <h2>Create a space</h2>
            <form method="post" action="/ui/spaces">
            <input type="hidden" name="csrf" value="\(session.csrfToken)">
            <label for="name">Name</label>
            <input id="name" name="name" required pattern="[a-z0-9]([-a-z0-9]*[a-z0-9])?" maxlength="63"
              aria-describedby="name-help"><span id="name-help"> lower-case letters, digits and '-'</span>
            <label for="team">Team</label>
            <select id="team" name="team"><option value="">Personal space</option>\(teamOptions)</select>
            <label for="template">Template</label>
            <select id="template" name="template">\(templateOptions)</select>
            <h3>Quota</h3><ul id="quota">\(quotas)</ul>
            <p><button type="submit">Create space</button></p>
            </form>
            """)
    }

    static func space(
        _ space: TenancyV1.Space, sleep: SleepV1.SleepState?, session: WebSession, notice: String? = nil,
        error: String? = nil
    ) -> HTML {
        let sleepHTML: HTML
        if let sleep {
            let asleep = sleep.state == "asleep" || sleep.state == "sleeping"
            let action = asleep ? "wake" : "sleep"
            let since = sleep.changedUnixSeconds > 0
                ? " since \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(sleep.changedUnixSeconds))))"
                : ""
            sleepHTML = """
                <dt>Sleep</dt><dd id="sleep-state">\(sleep.state)\(since)\(sleep.reason.isEmpty ? "" : " (\(sleep.reason))")</dd>
                </dl>
                <form method="post" action="/ui/spaces/\(space.name)/\(action)">
                <input type="hidden" name="csrf" value="\(session.csrfToken)">
                <input type="hidden" name="cluster" value="\(space.cluster)">
                <button type="submit">\(asleep ? "Wake this space" : "Put this space to sleep")</button></form>
                """
        } else {
            sleepHTML = "<dt>Sleep</dt><dd>unknown (berth-sleep does not answer)</dd></dl>"
        }
        return WebLayout.page(
            "Space \(space.name)", session: session, notice: notice, error: error,
            """
            <dl>
            <dt>State</dt><dd class="state-\(space.phase)">\(space.phase)\(space.message.isEmpty ? "" : " — \(space.message)")</dd>
            <dt>Team</dt><dd>\(space.team.isEmpty ? "personal" : space.team)</dd>
            <dt>Owner</dt><dd>\(space.owner)</dd>
            <dt>Template</dt><dd>\(space.template) v\(space.templateVersion)</dd>
            <dt>Cluster</dt><dd>\(space.cluster)</dd>
            \(sleepHTML)
            <h2>Use it with kubectl</h2>
            <pre><code>berth login
            berth kubeconfig --cluster \(space.cluster)
            kubectl --namespace \(space.name) get pods</code></pre>
            <p><a href="/ui/spaces/\(space.name)/kubeconfig" download>Download a kubeconfig for this space</a>
            (it gets its credentials from <code>berth token</code>)</p>
            <p><a href="/ui/spaces/\(space.name)/delete">Delete this space…</a></p>
            """)
    }

    static func confirmDelete(_ space: TenancyV1.Space, session: WebSession) -> HTML {
        WebLayout.page(
            "Delete space \(space.name)?", session: session,
            """
            <p>This deletes the namespace <code>\(space.name)</code> on cluster \(space.cluster) and everything in it.
            It cannot be undone.</p>
            <form method="post" action="/ui/spaces/\(space.name)/delete">
            <input type="hidden" name="csrf" value="\(session.csrfToken)">
            <label for="confirm">Type the space's name to confirm</label>
            <input id="confirm" name="confirm" required autocomplete="off">
            <p><button type="submit" class="danger">Delete space</button> <a href="/ui/spaces/\(space.name)">Cancel</a></p>
            </form>
            """)
    }

    static func admin(
        teams: [TenancyV1.Team], clusters: [TenancyV1.Cluster], templates: [TenancyV1.Template], spaces: [TenancyV1.Space],
        session: WebSession
    ) -> HTML {
        let teamRows = teams.map { team -> HTML in
            let quota = team.quota ?? TenancyV1.TeamQuota()
            let members = team.members.map { "\($0.kind):\($0.name) (\($0.role))" }.joined(separator: ", ")
            let used = spaces.filter { $0.team == team.name }.count
            return """
                <tr><td>\(team.name)</td><td>\(team.groups.joined(separator: ", "))</td><td>\(members)</td>
                <td>\(used) / \(quota.maxSpaces == 0 ? "∞" : "\(quota.maxSpaces)")</td><td>\(quota.cpu)</td><td>\(quota.memory)</td></tr>
                """
        }
        let clusterRows = clusters.map { cluster -> HTML in
            "<tr><td>\(cluster.name)\(cluster.isDefault ? " (default)" : "")</td><td class=\"health-\(cluster.health)\">\(cluster.health)</td><td>\(cluster.message)</td></tr>"
        }
        let templateRows = templates.map { template -> HTML in
            "<tr><td>\(template.name)</td><td>\(template.version)</td><td>\(template.podSecurity)</td><td>\(template.description)</td></tr>"
        }
        return WebLayout.page(
            "Administration", session: session,
            """
            <h2>Teams and quotas</h2>
            <table><thead><tr><th scope="col">Team</th><th scope="col">Groups</th><th scope="col">Members</th>
            <th scope="col">Spaces used / max</th><th scope="col">CPU</th><th scope="col">Memory</th></tr></thead><tbody>\(teamRows)</tbody></table>
            <h2>Clusters</h2>
            <table><thead><tr><th scope="col">Cluster</th><th scope="col">Health</th><th scope="col">Detail</th></tr></thead><tbody>\(clusterRows)</tbody></table>
            <h2>Templates</h2>
            <table><thead><tr><th scope="col">Template</th><th scope="col">Version</th><th scope="col">Pod security</th>
            <th scope="col">Description</th></tr></thead><tbody>\(templateRows)</tbody></table>
            """)
    }

    static func message(
        _ title: String, _ text: String, session: WebSession?, back: (href: String, text: String) = ("/ui/spaces", "Back to spaces")
    ) -> HTML {
        WebLayout.page(title, session: session, "<p>\(text)</p><p><a href=\"\(back.href)\">\(back.text)</a></p>")
    }

    /// A query-string value.
    static func query(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
