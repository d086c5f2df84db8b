import Foundation

/// Polls `condition` until it holds or `timeout` passes: for asserting on things that happen asynchronously
/// (a restarted process, a file appearing) without sleeping a fixed time and hoping.
///
/// Returns whether the condition held in time; the caller asserts on it with its own message.
public func eventually(
    timeout: Duration = .seconds(5), every interval: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}
