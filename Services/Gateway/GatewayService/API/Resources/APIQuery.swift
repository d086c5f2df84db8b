import Foundation
import Hummingbird

/// Reading query parameters the same way on every list: `limit` (1…1000, default 100) and `cursor` (opaque:
/// the service's page token), and optional exact-match filters.
extension Request {
    func queryString(_ name: String) -> String {
        uri.queryParameters[Substring(name)].map(String.init) ?? ""
    }

    func pageLimit(default value: UInt32 = 100) throws(APIProblem) -> UInt32 {
        guard let raw = uri.queryParameters["limit"].map(String.init) else { return value }
        guard let limit = UInt32(raw), (1...1000).contains(limit) else {
            throw APIProblem.invalid("limit=\(raw) is not a number from 1 to 1000")
        }
        return limit
    }

    var cursor: String { queryString("cursor") }

    /// A parameter's value when it is present, even empty (`?until=`): typed parameters refuse an empty value
    /// rather than ignoring it.
    func presentQuery(_ name: String) -> String? {
        uri.queryParameters[Substring(name)].map(String.init)
    }

    /// A parameter that must be one of `allowed` when present.
    func queryChoice(_ name: String, _ allowed: [String]) throws(APIProblem) -> String? {
        guard let value = presentQuery(name) else { return nil }
        guard allowed.contains(value) else {
            throw APIProblem.invalid("\(name)=\(value) is not one of \(allowed.joined(separator: ", "))")
        }
        return value
    }
}

/// RFC 3339 timestamps in API shapes (UTC, seconds).
enum APITime {
    static func string(unixSeconds: Int64) -> String? {
        guard unixSeconds > 0 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(unixSeconds)).formatted(.iso8601)
    }

    static func string(unixNanos: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(unixNanos / 1_000_000_000) + TimeInterval(unixNanos % 1_000_000_000) / 1e9)
        return date.formatted(.iso8601.time(includingFractionalSeconds: true).year().month().day().dateTimeSeparator(.standard).timeZone(separator: .omitted))
    }

    /// Parses RFC 3339 (with or without fractional seconds) into Unix nanoseconds.
    static func unixNanos(_ text: String, parameter: String) throws(APIProblem) -> Int64 {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = fractional.date(from: text) ?? plain.date(from: text) else {
            throw APIProblem.invalid("\(parameter)=\(text) is not an RFC 3339 time such as 2026-11-21T10:00:00Z")
        }
        // Unix nanoseconds in an Int64 span 1677–2262; a time outside is refused, never trapped on.
        let nanos = (date.timeIntervalSince1970 * 1e9).rounded()
        guard nanos > -9.2e18, nanos < 9.2e18, let value = Int64(exactly: nanos) else {
            throw APIProblem.invalid("\(parameter)=\(text) is outside the years 1678 to 2262")
        }
        return value
    }
}

/// Decoding a JSON request body into a shape, with a 400 problem that names the field.
enum APIBody {
    /// The path of the first explicit `null` in a body. The decoder would take it for an absent field, but the
    /// document types no field as nullable, so a `null` is refused as what it is: off the schema.
    static func nullMember(in value: Any?, path: String = "") -> String? {
        switch value {
        case is NSNull: return path.isEmpty ? "the body" : path
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = nullMember(in: object[key], path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = nullMember(in: element, path: "\(path)[\(index)]") { return found }
            }
        default: break
        }
        return nil
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws(APIProblem) -> Value {
        // Service messages carry strings as C strings (protobuf-c): a NUL inside one cannot travel, so it is
        // refused here rather than cut short or failing the RPC (found by schemathesis).
        if data.range(of: Data(#"\u0000"#.utf8)) != nil {
            throw APIProblem.invalid("a string in the body contains U+0000 (NUL): remove it")
        }
        if let null = nullMember(in: try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) {
            throw APIProblem.invalid("\(null) is null: leave it out instead (no field of a request takes null)")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw APIProblem.invalid("the body has no \"\(key.stringValue)\": it is required")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIProblem.invalid("\(path.isEmpty ? "the body" : path): \(context.debugDescription)")
        } catch {
            throw APIProblem.invalid("the body is not the expected JSON object: see /api/v1/openapi.json")
        }
    }
}

extension String {
    /// One path segment of a `Location`: usernames and group names may hold spaces, `/` or any Unicode, which a
    /// header and a URL path carry only percent-encoded.
    var pathSegmentEscaped: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#%")))
            ?? ""
    }
}
