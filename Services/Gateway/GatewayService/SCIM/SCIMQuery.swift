import Foundation
import Hummingbird

/// The query string read as HTML forms encode it: `+` is a space and `%XX` an escaped byte. Hummingbird's
/// `queryParameters` leaves `+` as is, and provisioning clients (and Python's requests) send
/// `filter=userName+eq+%22x%22`.
struct SCIMQuery {
    private let values: [String: String]

    init(_ request: Request) {
        var values: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            values[name] = parts.count == 2 ? Self.decode(parts[1]) : ""
        }
        self.values = values
    }

    func get(_ name: String) -> String? { values[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
