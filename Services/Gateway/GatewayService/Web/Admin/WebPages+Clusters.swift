import BerthRPC
import Foundation

extension WebPages {
    static func clusters(_ clusters: [TenancyV1.Cluster], session: WebSession) -> HTML {
        let rows = clusters.map { cluster -> HTML in
            let checked = cluster.checkedUnixSeconds > 0 ? time(cluster.checkedUnixSeconds) : "not yet"
            return """
                <tr><th scope="row">\(cluster.name)</th><td>\(cluster.isDefault ? "default" : "")</td>
                <td class="health-\(cluster.health)">\(cluster.health.isEmpty ? "unknown" : cluster.health)</td>
                <td>\(cluster.message)</td><td>\(checked)</td>
                <td><a href="/ui/admin/sleep?level=cluster&amp;cluster=\(query(cluster.name))">Sleep policy</a></td></tr>
                """
        }
        return WebLayout.page(
            "Clusters", session: session,
            """
            <table><caption>Clusters and their health</caption><thead><tr><th scope="col">Cluster</th>
            <th scope="col">Default</th><th scope="col">Health</th><th scope="col">Detail</th>
            <th scope="col">Last checked</th><th scope="col">Policy</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
    }

    /// A Unix time as RFC 3339 in UTC.
    static func time(_ unixSeconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
    }
}
