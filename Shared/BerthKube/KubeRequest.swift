import Foundation
import NIOHTTP1

/// One API request as the client builds it; `send` turns it into HTTP, with retries when `idempotent`.
struct KubeRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var body: Data? = nil
    var contentType: String? = nil
    var accept = "application/json"
    /// Safe to send again after a 5xx or timeout (GET, apply, delete). Any request is retried after 429.
    var idempotent: Bool
    /// "get configmaps team-a/settings": what failed, for error messages.
    var what: String

    func url(server: URL) -> String {
        var text = server.absoluteString
        if text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+,;()!"))
            text += "?" + query.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
            }.joined(separator: "&")
        }
        return text
    }
}

struct KubeResponse: Sendable {
    var status: Int
    var body: Data
}
