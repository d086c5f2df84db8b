import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import Glibc
import XCTest

/// kill -9 of a real `berth-audit` process in the middle of a stream of appends: every acknowledged event is
/// there after the restart, and the chain (with its checkpoints) verifies.
final class KillRecoveryTests: XCTestCase {
    static var productsDirectory: String {
        let bundle = Bundle.main.bundleURL
        return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent().path : bundle.path
    }

    func startAudit(_ env: TestEnvironment) throws -> Process {
        let executable = (Self.productsDirectory as NSString).appendingPathComponent("berth-audit")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw XCTSkip("berth-audit is not built in \(Self.productsDirectory): run `swift build` first")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--state-dir", env.config.paths.stateDir, "--runtime-dir", env.config.paths.runtimeDir,
            "--log-level", "warning",
        ]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
        environment["BERTH_STORAGE_SYNCHRONOUS"] = "full"  // the durability under test
        environment["BERTH_AUDIT_CHECKPOINT_EVERY"] = "25"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func testEveryAcknowledgedEventSurvivesKill9() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        let first = try startAudit(env)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let serving = await eventually(timeout: .seconds(20)) { await env.isServing(.audit) }
        XCTAssertTrue(serving, "berth-audit did not start")

        let acknowledged = AcknowledgedIDs()
        let producers = 8
        // Producers append until the process dies under them; only what was acknowledged counts.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                group.addTask {
                    let client = UnixRPCClient(
                        socketPath: env.paths.socketPath(for: .audit), defaultDeadline: .seconds(5), connectRetry: .zero)
                    var index = 0
                    while true {
                        let ids = (0..<3).map { "k\(producer)-\(index)-\($0)" }
                        index += 1
                        let events = ids.map {
                            AuditV1.Event(id: $0, timeUnixNanos: 1, action: "space.created", outcome: .allowed)
                        }
                        do {
                            _ = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: events))
                        } catch {
                            return  // the server is gone
                        }
                        acknowledged.add(ids)
                    }
                }
            }
            let enough = await eventually(timeout: .seconds(30)) { acknowledged.count >= 1500 }
            XCTAssertTrue(enough, "appends did not get going")
            kill(first.processIdentifier, SIGKILL)
            try await group.waitForAll()
        }
        first.waitUntilExit()
        XCTAssertEqual(first.terminationReason, .uncaughtSignal)

        let second = try startAudit(env)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        let back = await eventually(timeout: .seconds(20)) { await env.isServing(.audit) }
        XCTAssertTrue(back, "berth-audit did not restart on the killed database")

        let client = env.client(for: .audit, deadline: .seconds(30))
        var stored = Set<String>()
        var token = ""
        repeat {
            let page = try await client.unary(
                AuditV1.query, AuditV1.QueryRequest(oldestFirst: true, pageSize: 1000, pageToken: token))
            stored.formUnion(page.records.compactMap { $0.event?.id })
            token = page.nextPageToken
        } while !token.isEmpty
        let missing = acknowledged.all.subtracting(stored)
        XCTAssertTrue(missing.isEmpty, "\(missing.count) acknowledged events lost, e.g. \(missing.prefix(5))")
        XCTAssertGreaterThanOrEqual(stored.count, acknowledged.count)

        let verified = try await client.unary(AuditV1.verify, AuditV1.VerifyRequest())
        XCTAssertTrue(verified.ok, verified.detail)
        XCTAssertEqual(verified.eventsChecked, UInt64(stored.count))
        XCTAssertGreaterThan(verified.checkpointsChecked, 0)
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
    }
}

/// Event ids the server acknowledged, shared by the producer tasks.
final class AcknowledgedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids = Set<String>()
    func add(_ new: [String]) { lock.withLock { ids.formUnion(new) } }
    var count: Int { lock.withLock { ids.count } }
    var all: Set<String> { lock.withLock { ids } }
}
