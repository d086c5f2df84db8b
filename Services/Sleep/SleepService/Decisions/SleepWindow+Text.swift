import Foundation

/// The text form of a window, as policies carry it: "Mon-Fri 19:00-08:00 Europe/Berlin" (days: Mon..Sun, ranges
/// "Mon-Fri" — wrapping "Fri-Mon" allowed — and lists "Sat,Sun"; times HH:MM; an IANA time zone).
extension SleepWindow: CustomStringConvertible {
    static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    init(parsing text: String) throws(SleepError) {
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let example = "write it like \"Mon-Fri 19:00-08:00 Europe/Berlin\""
        guard fields.count == 3 else {
            throw SleepError(code: .invalidArgument, message: "window \"\(text)\" does not have days, times and a time zone: \(example)")
        }
        var days = Set<Int>()
        for part in fields[0].split(separator: ",") {
            let ends = part.split(separator: "-").map { Self.dayNames.firstIndex(of: String($0)).map { $0 + 1 } }
            guard (1...2).contains(ends.count), let first = ends[0], let last = ends[ends.count - 1] else {
                throw SleepError(
                    code: .invalidArgument,
                    message: "window \"\(text)\": days \"\(part)\" do not parse: use Mon, Tue, Wed, Thu, Fri, Sat, Sun, ranges (Mon-Fri) and commas")
            }
            var day = first
            while true {
                days.insert(day)
                if day == last { break }
                day = day % 7 + 1
            }
        }
        let times = fields[1].split(separator: "-").map(String.init)
        guard times.count == 2, let sleepAt = LocalTime(times[0]), let wakeAt = LocalTime(times[1]) else {
            throw SleepError(
                code: .invalidArgument, message: "window \"\(text)\": times \"\(fields[1])\" do not parse: use HH:MM-HH:MM, e.g. 19:00-08:00")
        }
        guard TimeZone(identifier: fields[2]) != nil else {
            throw SleepError(
                code: .invalidArgument, message: "window \"\(text)\": time zone \"\(fields[2])\" is not an IANA time zone (e.g. Europe/Berlin)")
        }
        self.init(weekdays: days, sleepAt: sleepAt, wakeAt: wakeAt, timeZone: fields[2])
    }

    /// Days as a comma list in week order from Monday ("Mon,Tue,Wed,Thu,Fri").
    var description: String {
        let order = [2, 3, 4, 5, 6, 7, 1].filter(weekdays.contains)
        return "\(order.map { Self.dayNames[$0 - 1] }.joined(separator: ",")) \(sleepAt)-\(wakeAt) \(timeZone)"
    }
}
