import BerthCrypto
import Foundation

/// The few HTTP calls the CLI makes to the gateway's OAuth endpoints: form POSTs answered with JSON.
struct LoginHTTPClient {
    let http: GatewayHTTPClient

    /// The Berth server (`gateway.publicURL`), without a trailing slash.
    var server: String { http.server }

    struct Answer {
        let status: Int
        let json: [String: Any]

        subscript(_ key: String) -> String { json[key] as? String ?? "" }
        func number(_ key: String) -> Int64 { (json[key] as? NSNumber)?.int64Value ?? 0 }
        var error: String { self["error"] }
        var errorDescription: String { self["error_description"] }
    }

    /// POSTs `fields` form-encoded to `path` (e.g. `/token`).
    func post(_ path: String, _ fields: [String: String]) async throws -> Answer {
        let body = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }.joined(separator: "&")
        let answer = try await http.send(
            .POST, path, headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: Array(body.utf8))
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
        return Answer(status: answer.status, json: json)
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The cache entry for a token response.
    static func entry(from answer: Answer, clientID: String) -> LoginTokenCache.Entry {
        let claims = JWT.unverifiedClaims(of: answer["id_token"])
        return LoginTokenCache.Entry(
            subject: claims["sub"] as? String ?? "", username: claims["preferred_username"] as? String ?? "",
            sessionId: claims["sid"] as? String ?? "", idToken: answer["id_token"],
            expiresAt: (claims["exp"] as? NSNumber)?.int64Value ?? 0, refreshToken: answer["refresh_token"],
            clientId: clientID)
    }
}
