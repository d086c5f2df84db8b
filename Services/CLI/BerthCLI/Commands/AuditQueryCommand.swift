import ArgumentParser
import BerthRPC
import Foundation

/// `berth audit query [filters]`
struct AuditQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", abstract: "Search the audit log.",
        discussion: """
            Filters combine with AND. Times are RFC 3339 (2026-01-02T15:04:05Z) or a duration ago (90m, 24h).
            Newest first unless --oldest-first; --all follows the pages to the end.
            """)

    @Option(help: "Events at or after this time (RFC 3339, or a duration ago such as 24h).") var since: String?
    @Option(help: "Events before this time (RFC 3339, or a duration ago).") var until: String?
    @Option(help: "Actor subject or username.") var actor: String?
    @Option(help: "Action or action prefix (space. matches space.created, space.deleted, …).") var action: String?
    @Option(help: "Target as KIND or KIND/NAME.") var target: String?
    @Option(help: "Team.") var team: String?
    @Option(help: "Space.") var space: String?
    @Option(help: "Cluster.") var cluster: String?
    @Option(help: "Outcome: allowed, denied or failed.") var outcome: String?
    @Flag(help: "Oldest first (default newest first).") var oldestFirst = false
    @Option(help: "Events per page (at most 1000).") var limit: UInt32 = 50
    @Option(help: "Continue from the token a previous page printed.") var pageToken: String = ""
    @Flag(help: "Follow every page to the end.") var all = false
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or yaml.") var output: OutputFormat = .table

    func request(now: Date) throws -> AuditV1.QueryRequest {
        var request = AuditV1.QueryRequest(oldestFirst: oldestFirst, pageSize: limit, pageToken: pageToken)
        if let since { request.sinceUnixNanos = try Self.time(since, now: now, option: "--since") }
        if let until { request.untilUnixNanos = try Self.time(until, now: now, option: "--until") }
        request.actor = actor ?? ""
        request.actionPrefix = action ?? ""
        if let target {
            let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
            request.targetKind = parts.first ?? ""
            request.targetName = parts.count > 1 ? parts[1] : ""
        }
        request.team = team ?? ""
        request.space = space ?? ""
        request.cluster = cluster ?? ""
        if let outcome {
            switch outcome {
            case "allowed": request.outcome = .allowed
            case "denied": request.outcome = .denied
            case "failed": request.outcome = .failed
            default: throw ValidationError("--outcome \(outcome) is not allowed, denied or failed")
            }
        }
        return request
    }

    /// RFC 3339, or a Go-style duration ago (`90m`, `24h`, `1h30m`).
    static func time(_ text: String, now: Date, option: String) throws -> Int64 {
        if let date = ISO8601DateFormatter().date(from: text) {
            return Int64(date.timeIntervalSince1970 * 1e9)
        }
        var seconds = 0.0
        var number = ""
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        for character in text {
            if character.isNumber || character == "." {
                number.append(character)
            } else if let unit = units[character], let value = Double(number) {
                seconds += value * unit
                number = ""
            } else {
                throw ValidationError("\(option) \(text) is neither RFC 3339 (2026-01-02T15:04:05Z) nor a duration (24h)")
            }
        }
        guard number.isEmpty, seconds > 0 else {
            throw ValidationError("\(option) \(text) is neither RFC 3339 (2026-01-02T15:04:05Z) nor a duration (24h)")
        }
        return Int64((now.timeIntervalSince1970 - seconds) * 1e9)
    }

    func run() async throws {
        let audit = try client.client(for: .audit)
        var request = try request(now: Date())
        var records: [AuditV1.Record] = []
        var next = ""
        repeat {
            let page = try await audit.unary(AuditV1.query, request)
            records += page.records
            next = page.nextPageToken
            request.pageToken = next
        } while all && !next.isEmpty
        switch output {
        case .table:
            Swift.print(AuditRecordTable.table(records).rendered, terminator: "")
            if !next.isEmpty { Swift.print("more: --page-token \(next)") }
        case .json, .yaml:
            try output.print(AuditV1.QueryResponse(records: records, nextPageToken: next)) { AuditRecordTable.table(records) }
        }
    }
}
