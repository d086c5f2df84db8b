import Foundation
import XCTest

struct ConditionTimedOut: Error, CustomStringConvertible {
    let description: String
}

/// Polls `condition` until it holds or `timeout` passes (then fails the test and throws). Polling a real
/// condition with a deadline replaces sleep-and-hope.
func eventually(
    within timeout: Duration, _ what: String, file: StaticString = #filePath, line: UInt = #line,
    _ condition: () throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    if try condition() { return }
    XCTFail("timed out after \(timeout): \(what)", file: file, line: line)
    throw ConditionTimedOut(description: what)
}

/// True when no process (not even a zombie) has this pid.
func processIsGone(_ pid: Int32) -> Bool {
    kill(pid, 0) == -1 && errno == ESRCH
}

/// True when the process is gone or a zombie (dead, not yet reaped by its parent, e.g. init for orphans).
func processIsDead(_ pid: Int32) -> Bool {
    if processIsGone(pid) { return true }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let afterName = stat.range(of: ") ", options: .backwards)
    else { return processIsGone(pid) }
    return stat[afterName.upperBound...].hasPrefix("Z")
}
