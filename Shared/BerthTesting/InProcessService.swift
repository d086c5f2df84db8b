import BerthModel
import BerthRuntime

/// Runs a `ServiceHost` inside the test process until `body` returns, then stops it gracefully (as SIGTERM
/// would: see `ServiceHost.run(stop:)` for why not by cancelling) and waits until it has stopped.
///
/// `body` starts once the service answers SERVING on its socket (or throws if it does not within `timeout`).
public func withRunningService<T: Sendable>(
    _ host: ServiceHost, in environment: TestEnvironment, timeout: Duration = .seconds(10),
    _ body: @Sendable () async throws -> T
) async throws -> T {
    let (stop, stopping) = AsyncStream<Void>.makeStream()
    defer { stopping.finish() }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            try await host.run(stop: stop)
            return nil
        }
        let serving = await eventually(timeout: timeout) { await environment.isServing(host.name) }
        guard serving else {
            group.cancelAll()
            throw TestFixtureError("\(host.name.executableName) did not report SERVING within \(timeout)")
        }
        // Leaving the group stops the service (also when `body` throws) and waits for it to stop.
        let result: T
        do {
            result = try await body()
        } catch {
            stopping.yield()
            _ = try? await group.next()
            throw error
        }
        stopping.yield()
        _ = try await group.next()
        return result
    }
}

/// A fixture that could not be set up: says which and why.
public struct TestFixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
