import Foundation
import Logging

extension KubeClient {
    /// Runs `body` with a new client and shuts it down afterwards, whether `body` returned or threw
    /// (AsyncHTTPClient traps when a client is released without `shutdown()`).
    public static func withClient<T>(
        connection: KubeConnection, options: Options = Options(), clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "berth.kube"), _ body: (KubeClient) async throws -> T
    ) async throws -> T {
        let client = try KubeClient(connection: connection, options: options, clock: clock, logger: logger)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(client))
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        return try result.get()
    }
}
