@testable import BerthRuntime
import Foundation
import Logging
import XCTest

/// A real datagram socket standing in for systemd's notify socket.
final class NotifyReceiver {
    let descriptor: Int32
    /// What to put in `$NOTIFY_SOCKET`.
    let notifySocket: String

    /// `abstract`: bind in the Linux abstract namespace and hand out the `@name` form.
    init(directory: String, abstract: Bool) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        notifySocket = abstract ? "@berth-test-\(UUID().uuidString.prefix(12))" : directory + "/notify.sock"
        guard descriptor >= 0, let (target, length) = SystemdNotifier.address(for: notifySocket) else {
            throw XCTSkip("cannot create a datagram socket here")
        }
        var address = target
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        XCTAssertEqual(bound, 0, "bind: \(String(cString: strerror(errno)))")
    }

    deinit { close(descriptor) }

    /// The next datagram, or nil when none arrives within `timeout` seconds.
    func receive(timeout: Int32 = 5) -> String? {
        var descriptorSet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptorSet, 1, timeout * 1000) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }
}

final class SystemdNotifierTests: XCTestCase {
    func testMessagesArriveOnAFilesystemSocket() throws {
        let receiver = try NotifyReceiver(directory: try makeTemporaryDirectory(self), abstract: false)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        XCTAssertTrue(notifier.isEnabled)
        try notifier.ready()
        try notifier.status("3 of 5 services serving\nREADY=1")
        try notifier.watchdog()
        try notifier.stopping()
        XCTAssertEqual(receiver.receive(), "READY=1")
        XCTAssertEqual(receiver.receive(), "STATUS=3 of 5 services serving READY=1")
        XCTAssertEqual(receiver.receive(), "WATCHDOG=1")
        XCTAssertEqual(receiver.receive(), "STOPPING=1")
    }

    func testMessagesArriveOnAnAbstractSocket() throws {
        let receiver = try NotifyReceiver(directory: try makeTemporaryDirectory(self), abstract: true)
        XCTAssertTrue(receiver.notifySocket.hasPrefix("@"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        try notifier.notify("READY=1\nSTATUS=up")
        XCTAssertEqual(receiver.receive(), "READY=1\nSTATUS=up")
    }

    func testWithoutNotifySocketEverythingIsANoOp() throws {
        let notifier = SystemdNotifier(environment: [:])
        XCTAssertFalse(notifier.isEnabled)
        XCTAssertNil(notifier.watchdogInterval)
        try notifier.ready()
        try notifier.watchdog()
    }

    func testAMissingSocketIsAnErrorNamingIt() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/notify.sock"])
        XCTAssertThrowsError(try notifier.ready()) { error in
            XCTAssertEqual((error as? BerthRuntimeError)?.code, .notifyFailed)
            XCTAssertTrue("\(error)".contains("/nonexistent/notify.sock"))
        }
    }

    func testWatchdogIntervalHonoursWatchdogPid() {
        let mine = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"], processID: 42)
        XCTAssertEqual(mine.watchdogInterval, .seconds(30))
        XCTAssertEqual(mine.watchdogPingInterval, .seconds(15))
        let anyPid = SystemdNotifier(environment: ["WATCHDOG_USEC": "500000"], processID: 7)
        XCTAssertEqual(anyPid.watchdogInterval, .milliseconds(500))
        let someoneElses = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "43"], processID: 42)
        XCTAssertNil(someoneElses.watchdogInterval)
        XCTAssertNil(SystemdNotifier(environment: ["WATCHDOG_USEC": "soon"]).watchdogInterval)
    }
}

extension SystemdNotifierTests {
    func testWatchdogServicePingsUntilCancelled() async throws {
        let receiver = try NotifyReceiver(directory: try makeTemporaryDirectory(self), abstract: true)
        let notifier = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": receiver.notifySocket, "WATCHDOG_USEC": "40000"])
        let service = SystemdWatchdogService(notifier: notifier, enabled: true, logger: Logger(label: "berth.test"))
        let running = Task { try await service.run() }
        // Three pings arrive (each receive waits up to 5 s for its datagram).
        for _ in 0..<3 { XCTAssertEqual(receiver.receive(), "WATCHDOG=1") }
        running.cancel()
        try await running.value
    }

    func testDisabledWatchdogServiceSendsNothing() async throws {
        let receiver = try NotifyReceiver(directory: try makeTemporaryDirectory(self), abstract: false)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket, "WATCHDOG_USEC": "40000"])
        let service = SystemdWatchdogService(notifier: notifier, enabled: false, logger: Logger(label: "berth.test"))
        let running = Task { try await service.run() }
        XCTAssertNil(receiver.receive(timeout: 1))
        running.cancel()
        try await running.value
    }
}
