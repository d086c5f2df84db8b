/// Something that makes unary calls to a Berth service: the service's Unix socket (`UnixRPCClient`) or, for the
/// CLI away from the host, the gateway's RPC relay over HTTPS. Commands are written against this, so the same
/// code runs locally and remotely.
public protocol RPCCalling: Sendable {
    /// Calls `method`; `deadline` nil means the client's default; `metadata` are request headers
    /// (`authorization`).
    func unary<Request, Response>(
        _ method: RPCMethod<Request, Response>, _ request: Request, deadline: Duration?, metadata: [String: String]
    ) async throws(RPCClientError) -> Response

    /// Ends the client's connections; calls in flight finish.
    func close(timeout: Duration) async
}

extension RPCCalling {
    public func unary<Request, Response>(
        _ method: RPCMethod<Request, Response>, _ request: Request, metadata: [String: String] = [:]
    ) async throws(RPCClientError) -> Response {
        try await unary(method, request, deadline: nil, metadata: metadata)
    }

    public func unary<Request, Response>(
        _ method: RPCMethod<Request, Response>, _ request: Request, deadline: Duration
    ) async throws(RPCClientError) -> Response {
        try await unary(method, request, deadline: deadline, metadata: [:])
    }

    public func close() async { await close(timeout: .seconds(2)) }
}

extension UnixRPCClient: RPCCalling {}
