import BerthTesting
import Foundation
import XCTest

/// berthd under a stand-in for systemd's notify socket: READY=1 only once every service serves, STATUS= along
/// the way, STOPPING=1 at SIGTERM.
final class SystemdNotifyEndToEndTests: XCTestCase {
    func testReadyOnlyWhenAllServeAndStoppingAtShutdown() async throws {
        let directory = try TemporaryDirectory(prefix: "berth-notify")
        defer { directory.remove() }
        let listener = try NotifySocketListener(path: directory.appending("notify.sock"))
        let berthd = try BerthdProcess(extraEnvironment: ["NOTIFY_SOCKET": listener.path])

        var messages: [String] = []
        let ready = await eventually(timeout: .seconds(60)) {
            messages += listener.drain()
            return messages.contains { $0.split(separator: "\n").contains("READY=1") }
        }
        XCTAssertTrue(ready, "no READY=1; got \(messages); log:\n\(berthd.log)")
        let serving = await berthd.allServing()
        XCTAssertTrue(serving, "READY=1 was sent while not every service serves")
        let readyIndex = messages.firstIndex { $0.contains("READY=1") } ?? 0
        XCTAssertTrue(
            messages[..<readyIndex].contains { $0.hasPrefix("STATUS=") }, "no STATUS= before READY: \(messages)")
        XCTAssertEqual(messages.filter { $0.contains("READY=1") }.count, 1)

        let stopped = await berthd.stop()
        XCTAssertTrue(stopped)
        messages += listener.drain()
        XCTAssertTrue(messages.contains { $0.contains("STOPPING=1") }, "no STOPPING=1: \(messages)")
    }
}
