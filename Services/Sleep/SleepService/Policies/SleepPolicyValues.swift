import BerthRPC
import BerthRuntime
import Foundation

/// The values one level sets, validated; nil = not set here (inherit). `.some(nil)` for the "never"/"none"
/// spellings: set here, to nothing.
struct SleepPolicyValues: Sendable, Equatable {
    var sleepAfter: Duration??
    var windows: [SleepWindow]?
    var deleteAfter: Duration??
    var deleteWarning: Duration?
    var preventWake: Bool?
    var keepAwakeUntil: Date??

    /// Built in, below every level: nothing sleeps or is deleted until a policy says so.
    static let defaults = SleepPolicyValues(
        sleepAfter: .some(nil), windows: [], deleteAfter: .some(nil), deleteWarning: .seconds(24 * 3600),
        preventWake: false, keepAwakeUntil: .some(nil))

    /// Validates the wire form; each error names the field, the value and the fix.
    init(validating wire: SleepV1.SleepPolicy) throws(SleepError) {
        sleepAfter = try Self.optionalDuration(wire.sleepAfter, field: "sleepAfter")
        if wire.windows == ["none"] {
            windows = []
        } else if !wire.windows.isEmpty {
            var parsed: [SleepWindow] = []
            for (index, text) in wire.windows.enumerated() {
                do {
                    parsed.append(try SleepWindow(parsing: text))
                } catch {
                    throw SleepError(code: .invalidArgument, message: "windows[\(index)]: \(error.message)")
                }
            }
            windows = parsed
        }
        deleteAfter = try Self.optionalDuration(wire.deleteAfter, field: "deleteAfter")
        if !wire.deleteWarning.isEmpty {
            deleteWarning = try PolicyDuration.parse(wire.deleteWarning, field: "deleteWarning")
        }
        switch wire.preventWake {
        case "": preventWake = nil
        case "true": preventWake = true
        case "false": preventWake = false
        default:
            throw SleepError(
                code: .invalidArgument, message: "preventWake \"\(wire.preventWake)\" is not true or false")
        }
        switch wire.keepAwakeUntil {
        case "": keepAwakeUntil = nil
        case "none": keepAwakeUntil = .some(nil)
        default:
            guard let date = ISO8601DateFormatter().date(from: wire.keepAwakeUntil) else {
                throw SleepError(
                    code: .invalidArgument,
                    message: "keepAwakeUntil \"\(wire.keepAwakeUntil)\" is not an RFC 3339 time: write it like "
                        + "2026-11-20T18:00:00Z, or none")
            }
            keepAwakeUntil = .some(date)
        }
    }

    init(
        sleepAfter: Duration?? = nil, windows: [SleepWindow]? = nil, deleteAfter: Duration?? = nil,
        deleteWarning: Duration? = nil, preventWake: Bool? = nil, keepAwakeUntil: Date?? = nil
    ) {
        self.sleepAfter = sleepAfter
        self.windows = windows
        self.deleteAfter = deleteAfter
        self.deleteWarning = deleteWarning
        self.preventWake = preventWake
        self.keepAwakeUntil = keepAwakeUntil
    }

    /// The wire form, normalized ("1h30m", "never", RFC 3339).
    var wire: SleepV1.SleepPolicy {
        SleepV1.SleepPolicy(
            sleepAfter: sleepAfter.map { $0.map(PolicyDuration.format) ?? "never" } ?? "",
            windows: windows.map { $0.isEmpty ? ["none"] : $0.map(\.description) } ?? [],
            deleteAfter: deleteAfter.map { $0.map(PolicyDuration.format) ?? "never" } ?? "",
            deleteWarning: deleteWarning.map(PolicyDuration.format) ?? "",
            preventWake: preventWake.map { $0 ? "true" : "false" } ?? "",
            keepAwakeUntil: keepAwakeUntil.map { $0.map { ISO8601DateFormatter().string(from: $0) } ?? "none" } ?? "")
    }

    private static func optionalDuration(_ text: String, field: String) throws(SleepError) -> Duration?? {
        switch text {
        case "": return nil
        case "never", "0": return .some(nil)
        default: return .some(try PolicyDuration.parse(text, field: field))
        }
    }
}

/// Policy durations: the config spelling ("1h30m", "45s") plus whole days ("7d"), never negative or zero.
enum PolicyDuration {
    static func parse(_ text: String, field: String) throws(SleepError) -> Duration {
        if text.hasSuffix("d"), let days = Int64(text.dropLast()), days > 0 {
            return .seconds(days * 86_400)
        }
        switch ConfigDuration.parse(text) {
        case .success(let parsed) where parsed.duration > .zero: return parsed.duration
        case .success:
            throw SleepError(code: .invalidArgument, message: "\(field) \"\(text)\" is zero: use never, or a duration like 1h")
        case .failure(let error):
            throw SleepError(
                code: .invalidArgument,
                message: "\(field) \"\(text)\" \(error.reason): write a duration like 30m, 1h30m or 7d")
        }
    }

    /// "7d", "1h30m", "45s".
    static func format(_ duration: Duration) -> String {
        let seconds = Int(duration.seconds)
        if seconds >= 86_400 && seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        return SleepDecision.short(duration)
    }
}
