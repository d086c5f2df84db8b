import BerthRPC
import Foundation

extension WebPages {
    /// What a person typed into the audit search, by field name (the query string's names).
    struct AuditFilter {
        static let keys = [
            "actor", "action", "targetKind", "targetName", "team", "space", "cluster", "outcome", "since", "until",
        ]
        private var values: [String: String] = [:]

        subscript(_ key: String) -> String {
            get { values[key] ?? "" }
            set { values[key] = newValue.trimmingCharacters(in: .whitespaces) }
        }

        /// The filters as a query string (for the next page's link).
        var query: String {
            Self.keys.filter { !self[$0].isEmpty }.map { "\($0)=\(WebPages.query(self[$0]))" }.joined(separator: "&")
        }

        struct InvalidTime: Error {
            let message: String
        }

        /// "" → 0 (no bound); an RFC 3339 time or a UTC date (`2026-11-22`) → nanoseconds since 1970.
        static func unixNanos(_ text: String, field: String) throws(InvalidTime) -> Int64 {
            guard !text.isEmpty else { return 0 }
            let full = ISO8601DateFormatter()
            let date = ISO8601DateFormatter()
            date.formatOptions = [.withFullDate]
            guard let parsed = full.date(from: text) ?? date.date(from: text) else {
                throw InvalidTime(
                    message: "\(field) \"\(text)\" is not a time: use RFC 3339 (2026-11-22T08:00:00Z) or a date (2026-11-22, UTC).")
            }
            return Int64(parsed.timeIntervalSince1970) * 1_000_000_000
        }
    }

    static func audit(
        _ records: [AuditV1.Record], filter: AuditFilter, session: WebSession, next: String, error: String? = nil
    ) -> HTML {
        let rows = records.map { record -> HTML in
            let event = record.event ?? AuditV1.Event()
            let time = Date(timeIntervalSince1970: TimeInterval(event.timeUnixNanos) / 1e9)
            let outcome = event.outcome == .allowed ? "allowed" : event.outcome == .denied ? "denied" : "\(event.outcome)"
            return """
                <tr><th scope="row">\(record.sequence)</th><td>\(ISO8601DateFormatter().string(from: time))</td>
                <td>\(event.actor?.username ?? "")</td><td>\(event.action)</td>
                <td>\(event.target?.kind ?? "") \(event.target?.name ?? "")</td><td>\(outcome)</td><td>\(event.reason)</td></tr>
                """
        }
        func field(_ id: String, _ label: String, help: String? = nil) -> HTML {
            input(id, label, value: filter[id], help: help)
        }
        func option(_ value: String, _ label: String) -> HTML {
            "<option value=\"\(value)\"\(filter["outcome"] == value ? " selected" : "")>\(label)</option>"
        }
        let more: HTML = next.isEmpty
            ? "" : "<p><a href=\"/ui/audit?\(filter.query)&page=\(query(next))\">Older events</a></p>"
        return WebLayout.page(
            "Audit log", session: session, error: error,
            """
            <form method="get" action="/ui/audit" class="filters">
            \(field("actor", "Actor (username)"))\(field("action", "Action or prefix", help: "e.g. space. or space.created"))
            \(field("targetKind", "Target kind", help: "e.g. space, team, user"))\(field("targetName", "Target name"))
            \(field("team", "Team"))\(field("space", "Space"))\(field("cluster", "Cluster"))
            <label for="outcome">Outcome</label><select id="outcome" name="outcome">\(option("", "any"))
            \(option("allowed", "allowed"))\(option("denied", "denied"))\(option("failed", "failed"))</select>
            \(field("since", "From", help: "RFC 3339 or a date, UTC"))\(field("until", "Until (before)", help: "RFC 3339 or a date, UTC"))
            <p><button type="submit">Search</button></p></form>
            <table><caption>Audit events, newest first</caption><thead><tr><th scope="col">Seq</th><th scope="col">Time</th>
            <th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Outcome</th>
            <th scope="col">Reason</th></tr></thead>
            <tbody>\(rows)</tbody></table>\(more)
            """)
    }
}
