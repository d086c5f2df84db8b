import Foundation

/// An `application/x-www-form-urlencoded` body (what a browser's form posts), as name → value; a repeated name
/// keeps its last value.
enum FormBody {
    /// Refuses bodies over `maxBytes` (forms here are a few fields).
    static let maxBytes = 16 * 1024

    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func decode(_ part: Substring) -> String? {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
