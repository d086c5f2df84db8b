import Foundation

/// A recurring time when a space sleeps: from `sleepAt` to `wakeAt` local time in `timeZone`, starting on the
/// given weekdays (a window whose wake time is earlier than its sleep time ends the next day: sleep 19:00, wake
/// 08:00). Local times go through the time zone's rules, so a window keeps its wall-clock times across daylight
/// saving changes (a night is an hour shorter or longer, never shifted).
struct SleepWindow: Sendable, Equatable, Codable {
    /// 1 = Sunday … 7 = Saturday (Foundation's numbering).
    var weekdays: Set<Int>
    var sleepAt: LocalTime
    var wakeAt: LocalTime
    var timeZone: String

    struct LocalTime: Sendable, Equatable, Codable, CustomStringConvertible {
        var hour: Int
        var minute: Int

        /// "19:00" → 19:00; nil for anything else.
        init?(_ text: String) {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour),
                (0..<60).contains(minute), parts[1].count == 2
            else { return nil }
            self.hour = hour
            self.minute = minute
        }

        var description: String { String(format: "%02d:%02d", hour, minute) }
        var minutes: Int { hour * 60 + minute }
    }

    /// Whether `instant` falls inside this window (including its start, excluding its end).
    func contains(_ instant: Date) throws(SleepError) -> Bool {
        guard let zone = TimeZone(identifier: timeZone) else {
            throw SleepError(code: .invalidArgument, message: "time zone '\(timeZone)' is not an IANA time zone (e.g. Europe/Berlin)")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let crossesMidnight = wakeAt.minutes <= sleepAt.minutes
        // The window that covers `instant` started today or (crossing midnight) yesterday.
        for daysBack in crossesMidnight ? [0, 1] : [0] {
            guard let day = calendar.date(byAdding: .day, value: -daysBack, to: instant) else { continue }
            let weekday = calendar.component(.weekday, from: day)
            guard weekdays.contains(weekday),
                let start = Self.date(on: day, at: sleepAt, calendar),
                let endDay = crossesMidnight ? calendar.date(byAdding: .day, value: 1, to: day) : day,
                let end = Self.date(on: endDay, at: wakeAt, calendar)
            else { continue }
            if start <= instant && instant < end { return true }
        }
        return false
    }

    /// The local wall-clock time on `day`'s date; in a spring-forward gap, the first instant after it.
    private static func date(on day: Date, at time: LocalTime, _ calendar: Calendar) -> Date? {
        var components = calendar.dateComponents([.year, .month, .day], from: day)
        components.hour = time.hour
        components.minute = time.minute
        return calendar.date(from: components)
    }
}
