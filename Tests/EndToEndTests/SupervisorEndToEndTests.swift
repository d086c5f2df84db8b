import BerthModel
import BerthRPC
import BerthTesting
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import XCTest

/// berthd with the real service executables: start order, status, restarts, crash loops, shutdown.
final class SupervisorEndToEndTests: XCTestCase {
    func testAllFiveServeAndStatusSaysSo() async throws {
        let berthd = try BerthdProcess()
        let serving = await eventually(timeout: .seconds(60)) { await berthd.allServing() }
        XCTAssertTrue(serving, "not all services serving; berthd log:\n\(berthd.log)")

        let status = await berthd.status()
        let services = try XCTUnwrap(status?.services)
        XCTAssertEqual(services.map(\.name), ServiceName.startOrder.map(\.rawValue))
        XCTAssertTrue(services.allSatisfy { $0.pid > 0 && $0.restarts == 0 })

        // The `berthd status` command: table on stdout, exit 0 when all serve.
        let (code, output) = try runCommand(
            BuiltProducts.path("berthd"), ["status", "--runtime-dir", berthd.env.config.paths.runtimeDir])
        XCTAssertEqual(code, 0, output)
        for service in ServiceName.startOrder {
            XCTAssertTrue(output.contains(service.rawValue), output)
        }
        XCTAssertEqual(output.components(separatedBy: "serving").count - 1, 5, output)

        // The gateway answers on its loopback port, and /readyz agrees that everything serves.
        let (healthCode, health) = try await httpGet("http://127.0.0.1:\(berthd.gatewayPort)/healthz")
        XCTAssertEqual(healthCode, 200)
        XCTAssertEqual(health, "ok\n")
        let (readyCode, ready) = try await httpGet("http://127.0.0.1:\(berthd.gatewayPort)/readyz")
        XCTAssertEqual(readyCode, 200, ready)

        let started = Date()
        let stopped = await berthd.stop()
        XCTAssertTrue(stopped, "berthd did not exit after SIGTERM; log:\n\(berthd.log)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        for service in services {
            XCTAssertFalse(processExists(service.pid), "\(service.name) (pid \(service.pid)) outlived berthd")
        }
        // Reverse order: berthd logs "child stopped" per service; gateway first, audit last.
        let stopOrder = berthd.log.split(separator: "\n")
            .filter { $0.contains("msg=\"child stopped\"") }
            .compactMap { line in line.split(separator: " ").first { $0.hasPrefix("service=") }?.dropFirst(8) }
            .map(String.init)
        XCTAssertEqual(stopOrder, ServiceName.startOrder.reversed().map(\.rawValue))
    }

    func testKillDashNineOfAChildIsServingAgainWithinTwoSeconds() async throws {
        let berthd = try BerthdProcess()
        defer { _ = berthd }
        let serving = await eventually(timeout: .seconds(60)) { await berthd.allServing() }
        XCTAssertTrue(serving, "not all services serving; berthd log:\n\(berthd.log)")

        let tenancyBefore = await berthd.service(.tenancy)
        let before = try XCTUnwrap(tenancyBefore)
        let killed = ContinuousClock.now
        XCTAssertEqual(kill(before.pid, SIGKILL), 0)
        let back = await eventually(timeout: .seconds(10), every: .milliseconds(10)) {
            guard let now = await berthd.service(.tenancy) else { return false }
            return now.state == .serving && now.pid != before.pid
        }
        let elapsed = ContinuousClock.now - killed
        XCTAssertTrue(back, "tenancy did not come back; log:\n\(berthd.log)")
        XCTAssertLessThan(elapsed, .seconds(2), "tenancy took \(elapsed) to serve again after kill -9")
        let tenancyAfter = await berthd.service(.tenancy)
        let after = try XCTUnwrap(tenancyAfter)
        XCTAssertEqual(after.restarts, before.restarts + 1)
        XCTAssertTrue(after.lastExit.contains("9"), "last exit should name signal 9: \(after.lastExit)")
        // The others never stopped.
        let audit = await berthd.service(.audit)
        XCTAssertEqual(audit?.restarts, 0)
        XCTAssertEqual(audit?.state, .serving)
        _ = await berthd.stop()
    }

    /// A gateway that exits at once: backoff, then a crash loop reported, while the four others keep serving.
    func testAChildThatExitsAtOnceCrashLoopsWhileTheOthersServe() async throws {
        let bin = try TemporaryDirectory(prefix: "berth-bin")
        defer { bin.remove() }
        for service in ServiceName.startOrder where service != .gateway {
            try FileManager.default.createSymbolicLink(
                atPath: bin.appending(service.executableName),
                withDestinationPath: BuiltProducts.path(service.executableName))
        }
        let broken = bin.appending(ServiceName.gateway.executableName)
        try "#!/bin/sh\necho 'gateway: cannot start' >&2\nexit 1\n".write(toFile: broken, atomically: true, encoding: .utf8)
        chmod(broken, 0o755)

        let berthd = try BerthdProcess(
            binDir: bin.path,
            extraEnvironment: [
                "BERTH_SUPERVISOR_RESTART_BACKOFF_INITIAL": "50ms", "BERTH_SUPERVISOR_RESTART_BACKOFF_MAX": "400ms",
                "BERTH_SUPERVISOR_CRASH_LOOP_RESTARTS": "3", "BERTH_SUPERVISOR_CRASH_LOOP_WINDOW": "30s",
            ])
        let crashLoop = await eventually(timeout: .seconds(60)) {
            await berthd.service(.gateway).map { $0.state == .crashLoop && $0.restarts >= 3 } ?? false
        }
        let statusNow = await berthd.status()
        XCTAssertTrue(crashLoop, "no crash loop reported; status: \(String(describing: statusNow)); log:\n\(berthd.log)")
        let gateway = try XCTUnwrap(statusNow?.services.first { $0.name == "gateway" })
        XCTAssertEqual(gateway.lastExit, "exit status 1")

        let services = try XCTUnwrap(statusNow?.services)
        for service in services where service.name != "gateway" {
            XCTAssertEqual(service.state, .serving, "\(service.name) stopped serving during the crash loop")
            XCTAssertEqual(service.restarts, 0)
        }
        XCTAssertTrue(berthd.log.contains("gateway: cannot start"), "child stderr not relayed:\n\(berthd.log)")

        let (code, output) = try runCommand(
            BuiltProducts.path("berthd"), ["status", "--runtime-dir", berthd.env.config.paths.runtimeDir])
        XCTAssertEqual(code, 1, "berthd status must fail while a service is not serving: \(output)")
        XCTAssertTrue(output.contains("crash-loop"), output)
        _ = await berthd.stop()
    }
}

/// Runs a command to completion; returns its exit status and combined output.
func runCommand(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A plain HTTP GET through Foundation's URLSession (libcurl inside the toolchain).
func httpGet(_ url: String) async throws -> (Int, String) {
    guard let target = URL(string: url) else { throw TestFixtureError("bad URL \(url)") }
    let (data, response) = try await URLSession.shared.data(from: target)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}
