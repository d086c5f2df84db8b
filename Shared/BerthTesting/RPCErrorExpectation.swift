import BerthRPC

/// Runs `body`, which should fail with an RPC error, and returns that error: nil when it succeeded or failed
/// some other way, so `XCTAssertEqual(await rpcError { … }?.code, .notFound)` fails in both cases.
public func rpcError<T>(_ body: () async throws -> T) async -> RPCClientError? {
    do {
        _ = try await body()
        return nil
    } catch let error as RPCClientError {
        return error
    } catch {
        return nil
    }
}
