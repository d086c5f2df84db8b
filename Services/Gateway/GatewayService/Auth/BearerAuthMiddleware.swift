import BerthRPC
import BerthRuntime
import Hummingbird
import Logging

/// Requires `Authorization: Bearer <token>` on the routes behind it (the `/api/v1` resources) and puts the
/// verified caller into the context. The token is checked by the shared `TokenVerifier` (berth-identity's
/// `VerifyToken` behind a short cache, the one berth-tenancy uses). Missing, malformed, forged or expired
/// tokens are answered 401 with `WWW-Authenticate: Bearer`; identity being unreachable is 503 (the token may be
/// fine). Failures are counted in the metrics; the token is never logged.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let verifier: any TokenVerifier
    let metrics: GatewayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let token = BearerToken.parse(request.headers[.authorization]) else {
            metrics.authFailure(reason: "missing")
            return APIProblem.unauthenticated(
                "send `Authorization: Bearer <token>` with a Berth token (`berth token` prints one) or an access key",
                error: "invalid_request"
            ).response(requestID: context.requestID)
        }
        let claims: IdentityV1.VerifyTokenResponse
        do {
            claims = try await verifier.verify(token)
        } catch where error.code == .unauthenticated || error.code == .invalidArgument {
            metrics.authFailure(reason: "invalid")
            context.logger.info("bearer token refused", metadata: ["reason": "\(error.message)"])
            return APIProblem.unauthenticated("the bearer token is not valid (\(error.message)): sign in again with `berth login`")
                .response(requestID: context.requestID)
        } catch {
            metrics.authFailure(reason: "unavailable")
            context.logger.warning("cannot verify bearer token", metadata: ["error": "\(error)"])
            return error.problem.response(requestID: context.requestID)
        }
        var context = context
        context.caller = VerifiedCaller(token: token, claims: claims)
        context.logger[metadataKey: "caller"] = "\(claims.username)"
        return try await next(request, context)
    }
}
