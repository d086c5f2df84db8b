import ArgumentParser
import BerthRPC
import Foundation

/// `berth report savings --since 30d [-o table|json|csv]`
struct ReportSavingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "savings",
        abstract: "Hours asleep and the CPU and memory requests not held, per space and team, priced.",
        discussion: "Prices come from sleep.pricing.cpuHour and sleep.pricing.memoryGiBHour in berth.yaml.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @Option(help: "Start of the period: a duration back from now (30d, 12h) or an RFC 3339 time.") var since = "30d"
    @Option(help: "Only this team's spaces.") var team = ""
    @OptionGroup var client: ClientOptions
    @Option(name: .shortAndLong, help: "Output format: table, json or csv.") var output: Format = .table

    func run() async throws {
        let start = try SleepCommandSupport.time(since, option: "--since", now: Date(), future: false)
        let report = try await client.client(for: .sleep).unary(
            SleepV1.savingsReport, SleepV1.SavingsReportRequest(sinceUnixSeconds: Int64(start.timeIntervalSince1970), team: team))
        switch output {
        case .json: try OutputFormat.json.print(report) { Table(header: [], rows: []) }
        case .csv: print(Self.csv(report), terminator: "")
        case .table: print(Self.table(report).rendered, terminator: "")
        }
    }

    static func rows(_ report: SleepV1.SavingsReport) -> [[String]] {
        func row(_ kind: String, _ savings: SleepV1.Savings) -> [String] {
            [
                kind, savings.cluster, savings.space, savings.team, String(format: "%.2f", savings.hoursAsleep),
                String(format: "%.2f", savings.cpuCoreHours), String(format: "%.2f", savings.memoryGibHours),
                String(format: "%.2f", savings.cost),
            ]
        }
        return report.spaces.map { row("space", $0) } + report.teams.map { row("team", $0) }
            + [row("total", report.total ?? SleepV1.Savings())]
    }

    static let header = ["KIND", "CLUSTER", "SPACE", "TEAM", "HOURS-ASLEEP", "CPU-CORE-HOURS", "MEMORY-GIB-HOURS", "COST"]

    static func table(_ report: SleepV1.SavingsReport) -> Table { Table(header: header, rows: rows(report)) }

    /// RFC 4180: a header line of lowercase names, every field quoted when it holds a comma or a quote.
    static func csv(_ report: SleepV1.SavingsReport) -> String {
        func field(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([header.map { $0.lowercased() }] + rows(report)).map { $0.map(field).joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
    }
}
