import GRPCCore
import Logging

/// Runs one call: who is calling, may they, then the handler, then errors to statuses.
struct RPCDispatcher: Sendable {
    let authorizer: any RPCAuthorizer
    let limits: RPCLimits
    let logger: Logger

    func dispatch<Request, Response>(
        _ method: RPCMethodDescriptor, request: Request, metadata: Metadata, context: ServerContext,
        handler: @Sendable (Request, RPCCallContext) async throws -> Response
    ) async throws -> Response {
        let requestID = Self.makeRequestID()
        guard let peer = PeerCredentials(remotePeer: context.remotePeer) else {
            // Only possible if this router were served by a transport other than UnixRPCServer's.
            logger.error(
                "rpc refused: no peer credentials",
                metadata: ["rpc.method": "\(method)", "rpc.request_id": "\(requestID)"])
            throw RPCError(
                code: .unauthenticated,
                message: "\(method): the server could not read the caller's peer credentials (request id \(requestID))")
        }
        let strings = Self.stringMetadata(metadata)
        if case .deny(let requirement) = authorizer.authorize(peer, for: method, metadata: strings) {
            logger.notice(
                "rpc denied",
                metadata: [
                    "rpc.method": "\(method)", "rpc.request_id": "\(requestID)", "peer.uid": "\(peer.uid)",
                    "peer.gid": "\(peer.gid)", "peer.pid": "\(peer.pid)",
                ])
            throw RPCError(
                code: .permissionDenied,
                message: "permission denied: \(method) is a \(method.access) call and requires \(requirement); "
                    + "the caller is uid \(peer.uid) gid \(peer.gid)")
        }
        let call = RPCCallContext(
            peer: peer, method: method, requestID: requestID,
            deadline: GRPCTimeout.deadline(from: metadata), metadata: strings,
            cancellation: context.cancellation)
        do {
            return try await handler(request, call)
        } catch let error as RPCError {
            throw error
        } catch let error as any RPCStatusConvertible {
            throw RPCError(code: Self.grpcCode(error.rpcStatusCode), message: error.rpcStatusMessage)
        } catch is CancellationError {
            throw RPCError(code: .cancelled, message: "\(method) was cancelled (request id \(requestID))")
        } catch {
            logger.error(
                "rpc handler failed",
                metadata: [
                    "rpc.method": "\(method)", "rpc.request_id": "\(requestID)", "peer.uid": "\(peer.uid)",
                    "error": "\(String(reflecting: error))",
                ])
            throw RPCError(
                code: .internalError,
                message: "internal error in \(method) (request id \(requestID)): the service log has the details")
        }
    }

    static func grpcCode(_ code: RPCStatusCode) -> RPCError.Code {
        Status.Code(rawValue: code.rawValue).flatMap { RPCError.Code($0) } ?? .unknown
    }

    /// 16 hex digits: unique enough to find one call in the logs.
    static func makeRequestID() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func stringMetadata(_ metadata: Metadata) -> [String: String] {
        var strings: [String: String] = [:]
        for (key, value) in metadata {
            if case .string(let text) = value { strings[key] = text }
        }
        return strings
    }
}
