import Foundation
import Logging

/// Turns one log event into exactly one line (no embedded newline, ever), as logfmt or JSON.
///
/// logfmt: `ts=2025-01-02T03:04:05.678Z level=info logger=berth.audit msg="service started" port=7080`.
/// JSON: `{"ts":"…","level":"info","logger":"berth.audit","msg":"service started","port":"7080"}`.
/// The fixed fields come first in that order, then metadata sorted by key, so lines diff and grep well.
/// A metadata key that collides with a fixed field is written with a leading `_` instead of being dropped.
public struct LogLineFormatter: Sendable {
    public let format: LogFormat

    public init(format: LogFormat) {
        self.format = format
    }

    static let fixedFields: Set<String> = ["ts", "level", "logger", "msg", "error"]

    /// The line without its trailing newline.
    public func format(
        timestamp: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
        error: (any Error)? = nil
    ) -> String {
        var fields: [(String, Field)] = [
            ("ts", .string(Self.timestamp(timestamp))), ("level", .string(level.rawValue)),
            ("logger", .string(label)), ("msg", .string(message)),
        ]
        if let error { fields.append(("error", .string(String(describing: error)))) }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            let name = Self.fixedFields.contains(key) ? "_" + key : key
            fields.append((name, Field(value)))
        }
        switch format {
        case .logfmt:
            return fields.map { "\(Self.logfmtKey($0.0))=\($0.1.logfmt)" }.joined(separator: " ")
        case .json:
            return "{" + fields.map { "\(Self.jsonString($0.0)):\($0.1.json)" }.joined(separator: ",") + "}"
        }
    }

    /// A metadata value, flattened for logfmt (nested values become one quoted string) and kept nested for JSON.
    enum Field {
        case string(String)
        case array([Field])
        case object([(String, Field)])

        init(_ value: Logger.MetadataValue) {
            switch value {
            case .string(let string): self = .string(string)
            case .stringConvertible(let convertible): self = .string(convertible.description)
            case .array(let values): self = .array(values.map(Field.init))
            case .dictionary(let dictionary):
                self = .object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, Field($0.value)) })
            }
        }

        var json: String {
            switch self {
            case .string(let string): return LogLineFormatter.jsonString(string)
            case .array(let values): return "[" + values.map(\.json).joined(separator: ",") + "]"
            case .object(let pairs):
                return "{" + pairs.map { "\(LogLineFormatter.jsonString($0.0)):\($0.1.json)" }.joined(separator: ",")
                    + "}"
            }
        }

        var logfmt: String {
            switch self {
            case .string(let string): return LogLineFormatter.logfmtValue(string)
            // Nested values are written as their JSON text, quoted, so a logfmt parser still sees one value.
            case .array, .object: return LogLineFormatter.logfmtValue(json)
            }
        }
    }

    /// Bare when it is safe (`info`, `7080`, `berth.audit`), otherwise double-quoted with escapes. Empty
    /// values are `""` so that `key=` never appears.
    static func logfmtValue(_ value: String) -> String {
        let needsQuotes =
            value.isEmpty
            || value.unicodeScalars.contains { scalar in
                scalar.value <= 0x20 || scalar == "\"" || scalar == "=" || scalar == "\\" || scalar.value == 0x7F
                    || scalar.properties.isWhitespace || !scalar.isASCII && scalar.properties.generalCategory == .control
            }
        guard needsQuotes else { return value }
        return "\"" + escaped(value) + "\""
    }

    /// Keys are never quoted in logfmt: anything other than a safe character becomes `_`.
    static func logfmtKey(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        return String(
            String.UnicodeScalarView(
                key.unicodeScalars.map { scalar in
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "._-/".unicodeScalars.contains(scalar)) ? scalar : "_"
                }))
    }

    static func jsonString(_ value: String) -> String { "\"" + escaped(value) + "\"" }

    /// JSON string escaping (also valid inside logfmt quotes): quotes, backslashes and every control
    /// character, including U+2028/U+2029 that some JavaScript-based viewers treat as line breaks.
    static func escaped(_ value: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029
                {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// RFC 3339 UTC with milliseconds, `2025-01-02T03:04:05.678Z`, without a shared (non-Sendable) formatter.
    static func timestamp(_ date: Date) -> String {
        // Whole milliseconds, rounded: `Date` is a binary double, so .678 may be stored as .67799….
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(totalMilliseconds.floorDivided(by: 1000))
        let milliseconds = Int(totalMilliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds), 3))Z"
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
