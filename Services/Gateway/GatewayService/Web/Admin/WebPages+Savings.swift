import BerthRPC
import Foundation

extension WebPages {
    struct SavingsFilter {
        /// A duration back from now (`30d`, `12h`) or an RFC 3339 time, as the REST API takes it.
        var since: String
        var team: String
    }

    static func savings(
        _ report: SleepV1.SavingsReport?, filter: SavingsFilter, session: WebSession, error: String? = nil
    ) -> HTML {
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        func rows(_ lines: [SleepV1.Savings], space: Bool) -> [HTML] {
            lines.map { line -> HTML in
                """
                <tr><th scope="row">\(space ? line.space : line.team)</th>\(space ? "<td>\(line.team)</td>" as HTML : "")<td>\(line.cluster)</td>
                <td>\(number(line.hoursAsleep))</td><td>\(number(line.cpuCoreHours))</td>
                <td>\(number(line.memoryGibHours))</td><td>\(String(format: "%.2f", line.cost))</td></tr>
                """
            }
        }
        func table(_ caption: String, _ first: String, _ lines: [SleepV1.Savings], space: Bool) -> HTML {
            guard !lines.isEmpty else { return "<p>Nothing slept in this period.</p>" }
            return """
            <table><caption>\(caption)</caption><thead><tr><th scope="col">\(first)</th>\(space ? "<th scope=\"col\">Team</th>" as HTML : "")
            <th scope="col">Cluster</th><th scope="col">Hours asleep</th><th scope="col">CPU core-hours</th>
            <th scope="col">Memory GiB-hours</th><th scope="col">Cost saved</th></tr></thead>
            <tbody>\(rows(lines, space: space))</tbody></table>
            """
        }
        let csvLink = "/ui/admin/savings.csv?since=\(query(filter.since))&team=\(query(filter.team))"
        let body: HTML
        if let report {
            let total = report.total ?? SleepV1.Savings()
            body = """
                <p id="savings-total">From \(time(report.sinceUnixSeconds)) to \(time(report.untilUnixSeconds)):
                \(number(total.hoursAsleep)) hours asleep, \(number(total.cpuCoreHours)) CPU core-hours and
                \(number(total.memoryGibHours)) GiB-hours of memory not held, worth \(String(format: "%.2f", total.cost)).</p>
                <p><a href="\(csvLink)" download>Download as CSV</a></p>
                <h2>Per team</h2>\(table("Savings per team", "Team", report.teams, space: false))
                <h2>Per space</h2>\(table("Savings per space", "Space", report.spaces, space: true))
                """
        } else {
            body = ""
        }
        return WebLayout.page(
            "Savings", session: session, error: error,
            """
            <form method="get" action="/ui/admin/savings" class="filters">
            \(input("since", "Since", value: filter.since, help: "a duration back from now (30d, 12h) or an RFC 3339 time"))
            \(input("team", "Team (empty: every team)", value: filter.team))
            <p><button type="submit">Show</button></p></form>
            \(body)
            """)
    }
}
