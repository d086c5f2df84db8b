import BerthRPC

extension WebPages {
    /// Which policy: `level` cluster, team or space ("" = not chosen yet).
    struct PolicyTarget {
        var level: String
        var cluster: String
        var name: String

        var description: String {
            switch level {
            case "cluster": "cluster \(cluster.isEmpty ? "(default)" : cluster)"
            case "team": "team \(name)"
            default: "space \(cluster.isEmpty ? "" : cluster + "/")\(name)"
            }
        }
    }

    static let policyFields: [(id: String, label: String, help: String)] = [
        ("sleepAfter", "Sleep after inactivity", "e.g. 1h, 30m or never"),
        ("windows", "Sleep windows", "one per line, e.g. Mon-Fri 19:00-08:00 Europe/Berlin; none = no windows"),
        ("deleteAfter", "Delete after", "idle or asleep this long: e.g. 30d, 720h or never"),
        ("deleteWarning", "Warn before deleting", "e.g. 24h"),
        ("preventWake", "Stay asleep until woken by hand", "true or false"),
        ("keepAwakeUntil", "Keep awake until", "an RFC 3339 time, or none"),
    ]

    static func value(_ policy: SleepV1.SleepPolicy?, _ field: String) -> String {
        guard let policy else { return "" }
        switch field {
        case "sleepAfter": return policy.sleepAfter
        case "windows": return policy.windows.joined(separator: "\n")
        case "deleteAfter": return policy.deleteAfter
        case "deleteWarning": return policy.deleteWarning
        case "preventWake": return policy.preventWake
        default: return policy.keepAwakeUntil
        }
    }

    static func sleepPolicy(
        _ target: PolicyTarget, view: SleepV1.SleepPolicyView?, typed: SleepV1.SleepPolicy?, session: WebSession,
        notice: String? = nil, error: String? = nil
    ) -> HTML {
        func option(_ level: String) -> HTML {
            "<option value=\"\(level)\"\(target.level == level ? " selected" : "")>\(level)</option>"
        }
        let chooser: HTML = """
            <form method="get" action="/ui/admin/sleep" class="filters">
            <label for="level">Level</label><select id="level" name="level">\(option("cluster"))\(option("team"))\(option("space"))</select>
            \(input("pick-cluster", "Cluster (empty: the default cluster)", value: target.cluster, name: "cluster"))
            \(input("pick-name", "Team or space name", value: target.name, name: "name"))
            <p><button type="submit">Show policy</button></p></form>
            """
        guard let view else {
            return WebLayout.page("Sleep policies", session: session, error: error, chooser)
        }
        let sources = Dictionary(view.sources.map { ($0.field, $0.source) }, uniquingKeysWith: { first, _ in first })
        let rows = policyFields.map { field -> HTML in
            """
            <tr><th scope="row">\(field.label)</th><td>\(value(view.effective, field.id).replacingOccurrences(of: "\n", with: "; "))</td>
            <td>\(sources[field.id] ?? "default")</td></tr>
            """
        }
        let shown = typed ?? view.own
        let fields = policyFields.map { field -> HTML in
            if field.id == "windows" {
                return """
                    <label for="windows">\(field.label)</label>
                    <textarea id="windows" name="windows" rows="3" cols="60" aria-describedby="windows-help">\(value(shown, "windows"))</textarea>
                    <span id="windows-help" class="help">\(field.help)</span>
                    """
            }
            return input(field.id, field.label, value: value(shown, field.id), help: field.help)
        }
        let errorHTML: HTML = error.map { "<p id=\"policy-error\" class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        return WebLayout.page(
            "Sleep policy of \(target.description)", session: session, notice: notice,
            """
            \(errorHTML)
            <h2>Effective values</h2>
            <table id="effective"><caption>What applies, and where it comes from (space over team over cluster over
            the built-in default)</caption><thead><tr><th scope="col">Setting</th><th scope="col">Value</th>
            <th scope="col">Set by</th></tr></thead><tbody>\(rows)</tbody></table>
            <h2>What this level sets</h2>
            <p>Leave a field empty to inherit it.</p>
            <form method="post" action="/ui/admin/sleep">\(csrfField(session))
            <input type="hidden" name="level" value="\(target.level)"><input type="hidden" name="cluster" value="\(target.cluster)">
            <input type="hidden" name="name" value="\(target.name)">
            \(fields)
            <p><button type="submit">Save policy</button></p>
            </form>
            <h2>Another policy</h2>
            \(chooser)
            """)
    }
}
