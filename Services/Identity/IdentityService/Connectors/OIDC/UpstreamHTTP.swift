import AsyncHTTPClient
import Foundation
import NIOCore

/// The few HTTP calls an upstream OIDC connector makes (discovery, JWKS, token endpoint), through
/// AsyncHTTPClient's shared client, each with the connector's timeout. Transport failures and non-2xx answers
/// throw `.upstreamUnavailable` naming the URL (never the request body: it carries the client secret).
struct UpstreamHTTP: Sendable {
    let timeoutSeconds: Int
    let connectorID: String

    /// Answers larger than this are refused (discovery, JWKS and token answers are a few KB).
    static let maxBodyBytes = 1024 * 1024

    func getJSON(_ url: String) async throws(IdentityError) -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request, url: url)
    }

    /// POSTs `form` (application/x-www-form-urlencoded) with HTTP basic client authentication.
    func postForm(_ url: String, form: [(String, String)], basicUser: String, basicPassword: String)
        async throws(IdentityError) -> [String: Any]
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        // RFC 6749 §2.3.1: client id and secret are form-urlencoded before base64.
        let credentials = Self.formEncode(basicUser) + ":" + Self.formEncode(basicPassword)
        request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        let body = form.map { Self.formEncode($0.0) + "=" + Self.formEncode($0.1) }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        return try await send(request, url: url)
    }

    private func send(_ request: HTTPClientRequest, url: String) async throws(IdentityError) -> [String: Any] {
        let bytes: ByteBuffer
        let status: UInt
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeoutSeconds)))
            status = response.status.code
            bytes = try await response.body.collect(upTo: Self.maxBodyBytes)
        } catch {
            throw unavailable(url, "\(error)")
        }
        let text = String(buffer: bytes)
        guard (200..<300).contains(status) else {
            throw unavailable(url, "HTTP \(status): \(text.prefix(300))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw unavailable(url, "the answer is not a JSON object")
        }
        return object
    }

    private func unavailable(_ url: String, _ detail: String) -> IdentityError {
        IdentityError(
            code: .upstreamUnavailable,
            message: "the upstream identity provider of connector \"\(connectorID)\" did not answer \(url) usefully: "
                + "check that it is reachable from this host and its configuration (issuer, clientID, secret)",
            detail: detail)
    }

    static func formEncode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
