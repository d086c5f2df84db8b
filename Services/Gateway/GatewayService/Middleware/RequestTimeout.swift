import Hummingbird

/// A per-request time limit for the API handlers: when the handler has not answered within `limit` on `clock`,
/// the answer is 503 (problem `timeout`) and the handler's task is cancelled (its RPC calls end with it).
/// It wraps handlers rather than being a middleware because Hummingbird's `next` may not escape into a child
/// task; every API route goes through `APIRoutes.handle`, which applies it. The clock is injected for tests.
struct RequestTimeout: Sendable {
    let limit: Duration
    let clock: any Clock<Duration>

    func run(
        context: GatewayRequestContext, _ body: @escaping @Sendable () async throws -> Response
    ) async throws -> Response {
        let limit = self.limit
        let clock = self.clock
        return try await withThrowingTaskGroup(of: Response?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await clock.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            if let response = first { return response }
            context.logger.warning("request timed out", metadata: ["limit": "\(limit)"])
            return APIProblem.timeout(limit).response(requestID: context.requestID)
        }
    }
}
