import BerthKube

/// Runs `body`, which should fail with a `KubeError`, and returns it: nil when it succeeded or failed some other
/// way, so `XCTAssertEqual(await kubeError { … }?.code, .notFound)` fails in both cases.
public func kubeError<T>(_ body: () async throws -> T) async -> KubeError? {
    do {
        _ = try await body()
        return nil
    } catch let error as KubeError {
        return error
    } catch {
        return nil
    }
}
