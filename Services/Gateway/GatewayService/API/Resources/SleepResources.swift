import BerthRPC
import Foundation

/// A space's sleep state as the API shows it.
struct SleepStateResource: Codable, Sendable, Equatable {
    var cluster: String
    var name: String
    /// awake, asleep, sleeping (in progress) or waking (in progress).
    var state: String
    var reason: String
    var changedAt: String?
    var changed: [String]
    var skipped: [String]
    var conflicts: [String]
    var keepAwakeUntil: String?
    var preventWake: Bool

    init(_ state: SleepV1.SleepState) {
        cluster = state.cluster
        name = state.name
        self.state = state.state
        reason = state.reason
        changedAt = APITime.string(unixSeconds: state.changedUnixSeconds)
        changed = state.changed
        skipped = state.skipped
        conflicts = state.conflicts
        keepAwakeUntil = APITime.string(unixSeconds: state.keepAwakeUntilUnixSeconds)
        preventWake = state.preventWake
    }
}

/// `POST /api/v1/spaces/{name}/wake`.
struct WakeBody: Decodable, Sendable {
    var timeoutSeconds: Int64?
}

/// `POST /api/v1/spaces/{name}/sleep`.
struct SleepBody: Decodable, Sendable {
    var preventWake: Bool?
}

/// `POST /api/v1/spaces/{name}/keep-awake`.
struct KeepAwakeBody: Decodable, Sendable {
    /// RFC 3339.
    var until: String
}

/// One row of the savings report.
struct SavingsResource: Codable, Sendable, Equatable {
    var cluster: String
    var space: String
    var team: String
    var hoursAsleep: Double
    var cpuCoreHours: Double
    var memoryGibHours: Double
    var cost: Double

    init(_ savings: SleepV1.Savings) {
        cluster = savings.cluster
        space = savings.space
        team = savings.team
        hoursAsleep = savings.hoursAsleep
        cpuCoreHours = savings.cpuCoreHours
        memoryGibHours = savings.memoryGibHours
        cost = savings.cost
    }

    static let csvHeader = "scope,cluster,space,team,hours_asleep,cpu_core_hours,memory_gib_hours,cost"

    func csvLine(scope: String) -> String {
        func field(_ text: String) -> String {
            text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return [scope, field(cluster), field(space), field(team)].joined(separator: ",") + ","
            + [hoursAsleep, cpuCoreHours, memoryGibHours, cost].map { String(format: "%.3f", $0) }.joined(separator: ",")
    }
}

/// The savings report: per space, per team and in total.
struct SavingsReportResource: Codable, Sendable, Equatable {
    var since: String?
    var until: String?
    var spaces: [SavingsResource]
    var teams: [SavingsResource]
    var total: SavingsResource?

    init(_ report: SleepV1.SavingsReport) {
        since = APITime.string(unixSeconds: report.sinceUnixSeconds)
        until = APITime.string(unixSeconds: report.untilUnixSeconds)
        spaces = report.spaces.map(SavingsResource.init)
        teams = report.teams.map(SavingsResource.init)
        total = report.total.map(SavingsResource.init)
    }

    /// The same report as CSV (`scope` is space, team or total), for spreadsheets.
    var csv: String {
        ([SavingsResource.csvHeader] + spaces.map { $0.csvLine(scope: "space") } + teams.map { $0.csvLine(scope: "team") }
            + (total.map { [$0.csvLine(scope: "total")] } ?? [])).joined(separator: "\n") + "\n"
    }
}
