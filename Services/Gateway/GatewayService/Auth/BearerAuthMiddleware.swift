import Foundation
import Hummingbird
import Logging

/// Requires `Authorization: Bearer <token>` on the routes behind it (the `/api/v1` resources) and puts the
/// verified caller into the context. Missing, malformed, forged or expired tokens are answered 401 with
/// `WWW-Authenticate: Bearer`; identity being unreachable is 503 (the token may be fine). Failures are counted
/// in the metrics; the token is never logged.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let verifier: BearerTokenVerifier
    let metrics: GatewayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let token = Self.bearerToken(request.headers[.authorization]) else {
            metrics.authFailure(reason: "missing")
            return APIProblem.unauthenticated(
                "send `Authorization: Bearer <token>` with a Berth token (`berth token` prints one) or an access key",
                error: "invalid_request"
            ).response(requestID: context.requestID)
        }
        do {
            let claims = try await verifier.verify(token)
            var context = context
            context.caller = VerifiedCaller(token: token, claims: claims)
            context.logger[metadataKey: "caller"] = "\(claims.username)"
            return try await next(request, context)
        } catch let failure as BearerTokenVerifier.Failure {
            switch failure {
            case .invalid(let reason):
                metrics.authFailure(reason: "invalid")
                context.logger.info("bearer token refused", metadata: ["reason": "\(reason)"])
                return APIProblem.unauthenticated("the bearer token is not valid (\(reason)): sign in again with `berth login`")
                    .response(requestID: context.requestID)
            case .unavailable(let error):
                metrics.authFailure(reason: "unavailable")
                context.logger.warning("cannot verify bearer token", metadata: ["error": "\(error)"])
                return error.problem.response(requestID: context.requestID)
            }
        }
    }

    static func bearerToken(_ header: String?) -> String? {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
