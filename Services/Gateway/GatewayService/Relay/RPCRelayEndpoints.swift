import BerthModel
import BerthRPC
import BerthRuntime
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /rpc/<service>/<method>`: the CLI's way to the services from another machine. The body is the method's
/// protobuf request (`application/x-protobuf`), relayed as bytes to the service's socket with the caller's
/// bearer token as `authorization` metadata, and the answer is the protobuf response. The service decides what
/// the token's principal may do, exactly as for a local caller with the same token; the gateway's own Unix
/// identity never stands in for the caller, because a request without a valid token never reaches a service
/// (`BearerAuthMiddleware`). Only `RelayedMethods` pass.
///
/// Errors are problem+json like the REST API's, plus `Berth-RPC-Status: <gRPC code>` when a service answered,
/// so the CLI shows the service's own message and exit code.
struct RPCRelayEndpoints: Sendable {
    let clients: [ServiceName: any RPCCalling]
    let verifier: any TokenVerifier
    let metrics: GatewayMetrics
    let maxBodyBytes: Int
    /// The longest a relayed call may run (`Berth-RPC-Timeout` asks for less or more, up to this).
    let maxTimeout: Duration
    let clock: any Clock<Duration>

    static let contentType = "application/x-protobuf"
    static let statusHeader = HTTPField.Name.literal("Berth-RPC-Status")
    static let timeoutHeader = HTTPField.Name.literal("Berth-RPC-Timeout")
    static let defaultTimeout: Duration = .seconds(30)

    func register(on router: Router<GatewayRequestContext>) {
        let group = router.group("rpc")
            .add(middleware: BodyLimitMiddleware(maxBytes: maxBodyBytes))
            .add(middleware: BearerAuthMiddleware(verifier: verifier, metrics: metrics))
        let relay = self
        group.post("{service}/{method}") { request, context in try await relay.relay(request, context) }
    }

    func relay(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let path = "\(context.parameters.get("service") ?? "")/\(context.parameters.get("method") ?? "")"
        guard let method = RelayedMethods.byPath[path], let client = clients[method.service] else {
            return APIProblem.notFound(
                "\(path) is not a method the gateway relays: run `berth` on the Berth host for host-only commands"
            ).response(requestID: context.requestID)
        }
        guard request.headers[.contentType]?.hasPrefix(Self.contentType) == true else {
            return APIProblem(
                status: .unsupportedMediaType, code: "unsupported_media_type", title: "unsupported media type",
                detail: "send the request message as \(Self.contentType)"
            ).response(requestID: context.requestID)
        }
        let timeout = min(Self.requestedTimeout(request) ?? Self.defaultTimeout, maxTimeout)
        let bytes: [UInt8]
        do {
            bytes = Array(try await APIRoutes.body(of: request, limit: min(maxBodyBytes, method.maxMessageBytes)))
        } catch let problem as APIProblem {
            return problem.response(requestID: context.requestID)
        }
        // A little over the call's deadline, so the service's DEADLINE_EXCEEDED (with its message) wins the race.
        let limit = RequestTimeout(limit: timeout + .seconds(1), clock: clock)
        return try await limit.run(context: context) {
            let reply = await APIRoutes.answer(context) { caller in
                do {
                    let answer = try await client.unary(
                        method.raw, RawWireMessage(bytes: bytes), deadline: timeout, metadata: caller.forwardedMetadata)
                    var reply = APIReply(status: .ok, body: Data(answer.bytes), contentType: Self.contentType)
                    // Also for an empty message (all fields default), which APIReply would leave untyped.
                    reply.headers[.contentType] = Self.contentType
                    return reply
                } catch let error as RPCClientError {
                    var reply = APIRoutes.problemReply(error.problem, context)
                    reply.headers[Self.statusHeader] = "\(error.code.rawValue)"
                    if error.problem.status.code >= 500 {
                        context.logger.warning(
                            "relayed call failed", metadata: ["method": "\(path)", "code": "\(error.code)"])
                    }
                    return reply
                }
            }
            return reply.response
        }
    }

    /// `Berth-RPC-Timeout: <seconds>` (the CLI's `--timeout`).
    static func requestedTimeout(_ request: Request) -> Duration? {
        guard let text = request.headers[timeoutHeader], let seconds = Double(text), seconds > 0, seconds.isFinite else {
            return nil
        }
        return .milliseconds(Int64(min(seconds, 86_400) * 1000))
    }
}
