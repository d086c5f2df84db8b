import BerthRPC
import Foundation

/// `SavingsReport(since)`: the asleep periods since then, priced.
struct SavingsHandlers: Sendable {
    let store: SavingsStore
    let calculator: SavingsCalculator
    let now: @Sendable () -> Date

    func report(_ request: SleepV1.SavingsReportRequest) async throws -> SleepV1.SavingsReport {
        let until = now()
        let since = Date(timeIntervalSince1970: TimeInterval(request.sinceUnixSeconds))
        guard request.sinceUnixSeconds > 0, since < until else {
            throw SleepError(
                code: .invalidArgument,
                message: "since_unix_seconds \(request.sinceUnixSeconds) is not a time in the past: send the start of the period")
        }
        if !request.team.isEmpty { _ = try SleepNames.label(request.team, kind: "team name") }
        return calculator.report(try await store.periods(since: since), since: since, until: until, team: request.team)
    }
}
