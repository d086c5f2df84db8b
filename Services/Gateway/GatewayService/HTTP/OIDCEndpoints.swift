import BerthRPC
import Foundation
import Hummingbird

/// Berth's OIDC issuer documents, served from berth-identity over its socket (the gateway holds no keys):
/// `GET /.well-known/openid-configuration` and `GET /openid/v1/jwks` (the `jwks_uri` identity advertises).
/// The issuer URL is `gateway.publicURL`. When identity cannot be reached the answer is 503 with the reason.
struct OIDCEndpoints: Sendable {
    /// The gateway's one long-lived client to identity.
    let identity: UnixRPCClient

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get(".well-known/openid-configuration") { _, _ -> Response in
            await answer { () async throws(RPCClientError) -> OIDCDiscoveryDocument in
                OIDCDiscoveryDocument(
                    try await identity.unary(
                        IdentityV1.getDiscovery, IdentityV1.GetDiscoveryRequest(), deadline: .seconds(2)))
            }
        }
        router.get("openid/v1/jwks") { _, _ -> Response in
            await answer { () async throws(RPCClientError) -> OIDCKeySet in
                OIDCKeySet(
                    try await identity.unary(IdentityV1.getJWKS, IdentityV1.GetJWKSRequest(), deadline: .seconds(2)))
            }
        }
    }

    private func answer<Document: Encodable>(
        _ fetch: () async throws(RPCClientError) -> Document
    ) async -> Response {
        do {
            let document = try await fetch()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Self.json(.ok, (try? encoder.encode(document)) ?? Data("{}".utf8))
        } catch {
            let problem = ["error": "temporarily_unavailable", "error_description": "berth-identity: \(error.message)"]
            return Self.json(.serviceUnavailable, (try? JSONEncoder().encode(problem)) ?? Data("{}".utf8))
        }
    }

    private static func json(_ status: HTTPResponse.Status, _ body: Data) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
