import BerthRuntime
import BerthRPC
import Foundation

/// Turns asleep periods into hours and priced requests per space and per team, for the window [since, until].
struct SavingsCalculator: Sendable {
    /// Prices per CPU core-hour and GiB-hour (`sleep.pricing.*`).
    var cpuHourPrice: Double
    var memoryGiBHourPrice: Double

    func report(_ periods: [SleepPeriod], since: Date, until: Date, team: String = "") -> SleepV1.SavingsReport {
        var spaces: [String: SleepV1.Savings] = [:]
        var teams: [String: SleepV1.Savings] = [:]
        var total = SleepV1.Savings()
        for period in periods where team.isEmpty || period.team == team {
            let start = max(period.sleptAt, since)
            let end = min(period.wokeAt ?? until, until)
            // A period inside the window is listed even when it lasted less than a second (periods are stamped in
            // whole seconds): the space did sleep, and saved nothing measurable.
            guard end >= start else { continue }
            let hours = end.timeIntervalSince(start) / 3600
            let cpu = hours * Double(period.cpuMillis) / 1000
            let memory = hours * Double(period.memoryBytes) / 1_073_741_824
            let cost = cpu * cpuHourPrice + memory * memoryGiBHourPrice
            func add(_ savings: inout SleepV1.Savings) {
                savings.hoursAsleep += hours
                savings.cpuCoreHours += cpu
                savings.memoryGibHours += memory
                savings.cost += cost
            }
            let key = "\(period.cluster)/\(period.namespace)"
            add(&spaces[key, default: SleepV1.Savings(cluster: period.cluster, space: period.namespace, team: period.team)])
            if !period.team.isEmpty { add(&teams[period.team, default: SleepV1.Savings(team: period.team)]) }
            add(&total)
        }
        return SleepV1.SavingsReport(
            sinceUnixSeconds: Int64(since.timeIntervalSince1970), untilUnixSeconds: Int64(until.timeIntervalSince1970),
            spaces: spaces.keys.sorted().compactMap { spaces[$0] }, teams: teams.keys.sorted().compactMap { teams[$0] },
            total: total)
    }
}

extension SavingsCalculator {
    /// From `sleep.pricing.cpuHour` and `sleep.pricing.memoryGiBHour` (decimals, not negative).
    init(pricing: BerthConfig.Sleep) throws(SleepError) {
        func price(_ text: String, key: String) throws(SleepError) -> Double {
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value >= 0, value.isFinite else {
                throw SleepError(
                    code: .invalidArgument, message: "\(key): \"\(text)\" is not a price: write a decimal like 0.03")
            }
            return value
        }
        self.init(
            cpuHourPrice: try price(pricing.cpuHourPrice, key: "sleep.pricing.cpuHour"),
            memoryGiBHourPrice: try price(pricing.memoryGiBHourPrice, key: "sleep.pricing.memoryGiBHour"))
    }
}
