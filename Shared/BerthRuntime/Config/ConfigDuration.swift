/// A duration written in the config as a string: `"200ms"`, `"5s"`, `"1m"`, `"1h30m"`, `"1.5s"`.
///
/// The spelling is Go's `time.ParseDuration` (units `h`, `m`, `s`, `ms`, `us`/`µs`, `ns`, combinable, decimals
/// allowed, no sign), because operators already write Kubernetes and pinniped durations that way. A bare number
/// other than `0` is an error: `"5"` could mean seconds or milliseconds, so the config says which.
public struct ConfigDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let duration: Duration

    public init(_ duration: Duration) {
        self.duration = duration
    }

    public static func seconds(_ value: Int64) -> ConfigDuration { ConfigDuration(.seconds(value)) }
    public static func milliseconds(_ value: Int64) -> ConfigDuration { ConfigDuration(.milliseconds(value)) }

    /// Whole nanoseconds (durations this module parses never carry finer precision).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool { lhs.duration < rhs.duration }

    /// The shortest spelling that parses back to the same value: `"1h30m"`, `"200ms"`, `"0s"`.
    public var description: String {
        var rest = nanoseconds
        if rest == 0 { return "0s" }
        var out = ""
        if rest < 0 {
            out = "-"
            rest = rest == .min ? .max : -rest
        }
        for (unit, size) in Self.unitsLargestFirst where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }

    private static let unitsLargestFirst: [(String, Int64)] = [
        ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000),
        ("ms", 1_000_000), ("us", 1_000), ("ns", 1),
    ]
}

extension ConfigDuration {
    /// Nanoseconds per unit, longest unit names first so that `ms` is not read as `m` followed by `s`.
    private static let unitsByName: [(String, Int64)] = [
        ("ms", 1_000_000), ("us", 1_000), ("µs", 1_000), ("ns", 1),
        ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000),
    ]

    /// Parses `text`; the error is the problem only (the caller adds the key).
    public static func parse(_ text: String) -> Result<ConfigDuration, DurationParseError> {
        let trimmed = text.trimmingWhitespace
        if trimmed == "0" { return .success(ConfigDuration(.zero)) }
        let fail = { (reason: String) in
            Result<ConfigDuration, DurationParseError>.failure(DurationParseError(text: text, reason: reason))
        }
        if trimmed.isEmpty { return fail("is empty") }
        if trimmed.hasPrefix("-") { return fail("is negative") }

        var rest = Substring(trimmed)
        var total: Int64 = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            if number.isEmpty {
                return fail("has \"\(rest)\" where a number was expected")
            }
            rest = rest.dropFirst(number.count)
            guard let (unit, size) = unitsByName.first(where: { rest.hasPrefix($0.0) }) else {
                return rest.isEmpty ? fail("has no unit after \(number)") : fail("has an unknown unit in \"\(rest)\"")
            }
            rest = rest.dropFirst(unit.count)
            guard let part = scaled(number, by: size) else {
                return fail("has a malformed or too large number \"\(number)\"")
            }
            let (sum, overflow) = total.addingReportingOverflow(part)
            if overflow { return fail("is too long") }
            total = sum
        }
        return .success(ConfigDuration(.nanoseconds(total)))
    }

    /// `number` (digits with at most one '.') times `size` nanoseconds, exactly; nil on overflow or bad form.
    private static func scaled(_ number: Substring, by size: Int64) -> Int64? {
        let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, !(pieces[0].isEmpty && (pieces.count == 1 || pieces[1].isEmpty)) else { return nil }
        let whole = pieces[0].isEmpty ? 0 : Int64(pieces[0])
        guard let whole else { return nil }
        var (result, overflow) = whole.multipliedReportingOverflow(by: size)
        if overflow { return nil }
        if pieces.count == 2 {
            // Fraction digits beyond nanosecond precision are dropped, as Go does.
            var scale = size
            for digit in pieces[1] {
                guard let value = digit.wholeNumberValue else { return nil }
                scale /= 10
                if scale == 0 { break }
                (result, overflow) = result.addingReportingOverflow(Int64(value) * scale)
                if overflow { return nil }
            }
        }
        return result
    }
}

/// Why a duration string did not parse: `"5" has no unit after 5`.
public struct DurationParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let reason: String

    public var description: String {
        "\"\(text)\" \(reason): write a duration like \"200ms\", \"5s\", \"1m\" or \"1h30m\""
    }
}

extension ConfigDuration: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        switch Self.parse(text) {
        case .success(let value): self = value
        case .failure(let error):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }
        var text = String(String.UnicodeScalarView(scalars))
        while let last = text.unicodeScalars.last, last.properties.isWhitespace {
            text.unicodeScalars.removeLast()
        }
        return text
    }
}
