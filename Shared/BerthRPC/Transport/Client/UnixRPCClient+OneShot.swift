extension UnixRPCClient {
    /// One call on a fresh client that is closed afterwards: for health probes and one-shot commands.
    public static func call<Request, Response>(
        socketPath: String, _ method: RPCMethod<Request, Response>, _ request: Request,
        deadline: Duration = .seconds(5), connectRetry: Duration = .zero
    ) async throws(RPCClientError) -> Response {
        let client = UnixRPCClient(socketPath: socketPath, defaultDeadline: deadline, connectRetry: connectRetry)
        let result: Result<Response, RPCClientError>
        do {
            result = .success(try await client.unary(method, request))
        } catch {
            result = .failure(error)
        }
        await client.close()
        return try result.get()
    }
}
