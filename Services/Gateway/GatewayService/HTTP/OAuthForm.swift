import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body or query (RFC 6749 §B: `+` is a space, then percent-decoding),
/// and the pieces of OAuth client authentication that arrive in headers.
struct OAuthForm: Sendable {
    var values: [String: String]

    subscript(_ name: String) -> String { values[name] ?? "" }

    init(values: [String: String]) { self.values = values }

    /// Parses `a=1&b=2`; a repeated parameter keeps its first value.
    init(encoded: String) {
        var values: [String: String] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            guard values[name] == nil else { continue }
            values[name] = parts.count > 1 ? Self.decode(parts[1]) : ""
        }
        self.values = values
    }

    /// The body of a form POST (at most 64 KiB), or the query of a GET.
    static func read(_ request: Request) async throws -> OAuthForm {
        if request.method == .post {
            let body = try await request.body.collect(upTo: 64 * 1024)
            return OAuthForm(encoded: String(buffer: body))
        }
        return OAuthForm(encoded: request.uri.query ?? "")
    }

    static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    /// `application/x-www-form-urlencoded` encoding of one value (for redirects).
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `uri` with `parameters` appended to its query.
    static func redirectURI(_ uri: String, adding parameters: [(String, String)]) -> String {
        let query = parameters.filter { !$0.1.isEmpty }.map { "\($0.0)=\(encode($0.1))" }.joined(separator: "&")
        return uri + (uri.contains("?") ? "&" : "?") + query
    }

    /// `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), or nil.
    static func basicCredentials(_ header: String?) -> (id: String, secret: String)? {
        guard let header, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (decode(text[..<colon]), decode(text[text.index(after: colon)...]))
    }

    /// `Authorization: Bearer <token>`, or nil.
    static func bearerToken(_ header: String?) -> String? {
        guard let header, header.lowercased().hasPrefix("bearer ") else { return nil }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
