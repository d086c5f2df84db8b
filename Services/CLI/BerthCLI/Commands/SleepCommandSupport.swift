import ArgumentParser
import BerthRPC
import BerthRuntime
import Foundation

/// What the sleep commands share: the caller's Berth token as `authorization` metadata (sleep decides per space
/// who may wake or sleep it), and the time spellings of `--until` and `--since`.
enum SleepCommandSupport {
    /// The caller's token as metadata (`ClientOptions.callerMetadata`).
    static func metadata(now: Date = Date()) -> [String: String] { ClientOptions.callerMetadata(now: now) }

    /// "now", an RFC 3339 time, or a duration from now ("2h", "90m", "1h30m", "3d").
    static func time(_ text: String, option: String, now: Date, future: Bool) throws -> Date {
        if text == "now" { return now }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        var seconds: TimeInterval?
        if text.hasSuffix("d"), let days = Int(text.dropLast()), days > 0 {
            seconds = TimeInterval(days * 86_400)
        } else if case .success(let duration) = ConfigDuration.parse(text) {
            seconds = TimeInterval(duration.nanoseconds) / 1e9
        }
        guard let seconds else {
            throw ValidationError(
                "\(option) \"\(text)\" is neither an RFC 3339 time (2026-11-20T18:00:00Z) nor a duration (2h, 90m, 3d)")
        }
        return now.addingTimeInterval(future ? seconds : -seconds)
    }

    static func ref(_ name: String, cluster: String) -> SleepV1.SpaceRef { SleepV1.SpaceRef(cluster: cluster, name: name) }

    static func table(_ state: SleepV1.SleepState) -> Table {
        let changed = Date(timeIntervalSince1970: TimeInterval(state.changedUnixSeconds))
        let pinned = state.keepAwakeUntilUnixSeconds > 0
            ? ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(state.keepAwakeUntilUnixSeconds))) : "-"
        var table = Table(
            header: ["SPACE", "CLUSTER", "STATE", "REASON", "SINCE", "KEEP-AWAKE-UNTIL", "PREVENT-WAKE"],
            rows: [[
                state.name, state.cluster, state.state, state.reason.isEmpty ? "-" : state.reason,
                state.changedUnixSeconds > 0 ? ISO8601DateFormatter().string(from: changed) : "-", pinned,
                state.preventWake ? "yes" : "no",
            ]])
        if !state.conflicts.isEmpty {
            table.rows.append(["conflicts (their values kept): " + state.conflicts.joined(separator: ", ")])
        }
        return table
    }
}
